package com.runcascade.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.autoconfigure.CascadeContextSpanProcessor;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.PriceTable;
import com.runcascade.tracing.support.ContentFormatter;

/**
 * A real OpenTelemetry SDK set up as Cascade's auto-configuration does (with
 * {@link CascadeContextSpanProcessor}), whose spans are dropped when they end, and the Cascade
 * tracer on it.
 */
public final class TracingFixture implements AutoCloseable {

	/** The default of {@code cascade.max-attribute-length} (16 KB). */
	static final int DEFAULT_MAX_LENGTH = 16 * 1024;

	final DiscardingSpanProcessor spans = new DiscardingSpanProcessor();

	public final OpenTelemetrySdk openTelemetry;

	public final CascadeTracer tracer;

	public TracingFixture(boolean captureContent) {
		this.openTelemetry = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.addSpanProcessor(new CascadeContextSpanProcessor())
				.addSpanProcessor(this.spans)
				.build())
			.build();
		this.tracer = new CascadeTracer(this.openTelemetry, new ContentFormatter(captureContent, DEFAULT_MAX_LENGTH));
	}

	/**
	 * LLM tracing with the bundled price table, as auto-configured.
	 * @param metrics where call metrics go
	 * @return the LLM tracing
	 */
	public LlmTracing llmTracing(LlmMetrics metrics) {
		return new LlmTracing(this.tracer, new PriceTable(), metrics);
	}

	/**
	 * Fail the benchmark setup unless the last ended span has the given name and, when
	 * {@code present} is given, has (or lacks) the given string attribute.
	 */
	public void expectLastSpan(String name, String key, @Nullable Boolean present) {
		ReadableSpan last = this.spans.last();
		if (last == null || !last.getName().equals(name)) {
			throw new IllegalStateException("Expected a span '" + name + "' but the last one was "
					+ ((last != null) ? last.getName() : "none"));
		}
		if (present != null && (last.getAttribute(AttributeKey.stringKey(key)) != null) != present) {
			throw new IllegalStateException(
					"Span '" + name + "' should " + (present ? "" : "not ") + "have attribute " + key);
		}
	}

	@Override
	public void close() {
		this.openTelemetry.close();
	}

}
