package com.runcascade.tracing.autoconfigure;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

import com.runcascade.tracing.llm.LlmTracing;

/**
 * Looks the {@link LlmTracing} bean up on the first traced call rather than when a client bean is
 * wrapped, then keeps it. No lock: two threads racing on the first call resolve the same singleton.
 */
final class LazyLlmTracing implements Supplier<@Nullable LlmTracing> {

	private static final Log logger = LogFactory.getLog(LazyLlmTracing.class);

	private final ObjectProvider<LlmTracing> provider;

	private volatile @Nullable LlmTracing tracing;

	public LazyLlmTracing(ObjectProvider<LlmTracing> provider) {
		this.provider = provider;
	}

	@Override
	public @Nullable LlmTracing get() {
		LlmTracing tracing = this.tracing;
		if (tracing == null) {
			try {
				tracing = this.provider.getIfAvailable();
			}
			catch (RuntimeException ex) {
				// The context is not usable (starting, failed or closing): the call runs untraced.
				logger.debug("Cascade could not look up LlmTracing; the call runs untraced", ex);
				return null;
			}
			this.tracing = tracing;
		}
		return tracing;
	}

}
