package com.runcascade.tracing.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import com.runcascade.tracing.CascadeContextSpanProcessor;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.support.ContentFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real OpenTelemetry SDK exporting to memory, and the Cascade tracer and LLM tracing on it;
 * shared by the Anthropic and OpenAI client tests, which only bring their model prices.
 */
public class LlmTracingFixture implements AutoCloseable {

	public static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey("cascade.span_type");

	public final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	public final OpenTelemetrySdk openTelemetry;

	public final CascadeTracer tracer;

	public final LlmTracing llmTracing;

	protected LlmTracingFixture(boolean captureContent, ModelPricing pricing) {
		this.openTelemetry = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.addSpanProcessor(new CascadeContextSpanProcessor())
				.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
				.build())
			.build();
		this.tracer = new CascadeTracer(this.openTelemetry, new ContentFormatter(captureContent, 16 * 1024));
		this.llmTracing = new LlmTracing(this.tracer, pricing, LlmMetrics.NONE);
	}

	public List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	public List<SpanData> llmSpans() {
		return spans().stream().filter((span) -> "llm".equals(span.getAttributes().get(SPAN_TYPE))).toList();
	}

	public SpanData onlyLlmSpan() {
		List<SpanData> spans = llmSpans();
		if (spans.size() != 1) {
			throw new AssertionError("Expected one LLM span but got " + spans);
		}
		return spans.get(0);
	}

	public SpanData awaitLlmSpan() {
		await().atMost(Duration.ofSeconds(10)).until(() -> !llmSpans().isEmpty());
		return onlyLlmSpan();
	}

	public static Map<String, Object> attributes(SpanData span) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
		return attributes;
	}

	public static void assertError(SpanData span, Class<? extends Throwable> type) {
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attributes(span)).containsEntry("error.type", type.getName()).containsKey("llm.latency_ms");
		assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
		assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
			.isEqualTo(type.getName());
	}

	@Override
	public void close() {
		this.openTelemetry.close();
	}

}
