package com.runcascade.tracing.sdk;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;

/**
 * The clients of one SDK: which objects they are, and how to put one behind a traced proxy. The
 * post-processor and the wrapper serve both SDKs through it. Internal: public only because each
 * SDK's code lives in its own sub-package.
 *
 * @param supports whether an object is a client of this SDK (sync or async)
 * @param tracer the traced form of a client, recording on the LLM tracing it is given
 * @param traced whether an object is a client this SDK's code already traces
 */
public record SdkClients(Predicate<Object> supports, Tracer tracer, Predicate<Object> traced) {

	/**
	 * Whether a client is already traced by Cascade.
	 * @param client a client
	 * @return whether it is a Cascade-traced client of this SDK
	 */
	public boolean isTraced(Object client) {
		return this.traced.test(client);
	}

	/** Puts a client behind a traced proxy. */
	@FunctionalInterface
	public interface Tracer {

		Object traced(Object client, Supplier<@Nullable LlmTracing> tracing);

	}

}
