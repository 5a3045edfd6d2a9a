package com.runcascade.tracing.anthropic;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import com.runcascade.tracing.CascadeContextSpanProcessor;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.ModelPrice;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.support.ContentFormatter;

import static org.awaitility.Awaitility.await;

/** A real OpenTelemetry SDK exporting to memory, and the Cascade tracer and LLM tracing on it. */
final class TracingFixture implements AutoCloseable {

	static final ModelPrice SONNET_PRICE = new ModelPrice(3.0, 15.0, 0.3, 3.75);

	/** Knows the price of one model only. */
	static final ModelPricing PRICING = (provider, model) -> model.equals("claude-sonnet-4-5") ? SONNET_PRICE : null;

	final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	final OpenTelemetrySdk openTelemetry;

	final CascadeTracer tracer;

	final LlmTracing llmTracing;

	TracingFixture() {
		this(true);
	}

	TracingFixture(boolean captureContent) {
		this.openTelemetry = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.addSpanProcessor(new CascadeContextSpanProcessor())
				.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
				.build())
			.build();
		this.tracer = new CascadeTracer(this.openTelemetry, new ContentFormatter(captureContent, 16 * 1024));
		this.llmTracing = new LlmTracing(this.tracer, PRICING, LlmMetrics.NONE);
	}

	List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	List<SpanData> llmSpans() {
		return spans().stream().filter((span) -> "llm".equals(span.getAttributes().get(SPAN_TYPE))).toList();
	}

	SpanData onlyLlmSpan() {
		List<SpanData> spans = llmSpans();
		if (spans.size() != 1) {
			throw new AssertionError("Expected one LLM span but got " + spans);
		}
		return spans.get(0);
	}

	SpanData awaitLlmSpan() {
		await().atMost(Duration.ofSeconds(10)).until(() -> !llmSpans().isEmpty());
		return onlyLlmSpan();
	}

	@Override
	public void close() {
		this.openTelemetry.close();
	}

	static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey("cascade.span_type");

}
