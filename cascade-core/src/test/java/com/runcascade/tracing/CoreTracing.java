package com.runcascade.tracing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.sdk.SdkClients;
import com.runcascade.tracing.sdk.anthropic.AnthropicSdk;
import com.runcascade.tracing.sdk.openai.OpenAiSdk;
import com.runcascade.tracing.support.CascadeContextSpanProcessor;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.CascadeSampler;
import com.runcascade.tracing.support.CascadeScopeHook;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.DefaultCascadeTracer;
import com.runcascade.tracing.support.LlmClientWrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core's tracing fixture, without Spring: an OpenTelemetry SDK with Cascade's sampler and context
 * span processor, Cascade's engine, tracer and LLM tracing, as the Spring auto-configuration wires
 * them, and every finished span kept in memory.
 */
public final class CoreTracing implements AutoCloseable {

	/** Where every span ends up. */
	public final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final OpenTelemetrySdk openTelemetry;

	private final DefaultCascadeTracer tracer;

	private final LlmTracing llmTracing;

	private final CascadeInstrumentation instrumentation;

	private CoreTracing(ModelPricing pricing, ContentFormatter formatter, List<LlmClientWrapper> extraWrappers) {
		this.openTelemetry = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.setSampler(new CascadeSampler(Sampler.parentBased(Sampler.alwaysOn())))
				.addSpanProcessor(new CascadeContextSpanProcessor())
				.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
				.build())
			.build();
		LlmTracing[] llm = new LlmTracing[1];
		List<LlmClientWrapper> wrappers = new ArrayList<>(extraWrappers);
		wrappers.add(wrapper(AnthropicSdk.CLIENTS, llm));
		wrappers.add(wrapper(OpenAiSdk.CLIENTS, llm));
		CascadeInstrumentation instrumentation = new CascadeInstrumentation(this.openTelemetry, formatter,
				CascadeScopeHook.NONE, () -> wrappers);
		this.instrumentation = instrumentation;
		this.llmTracing = new LlmTracing(instrumentation, pricing, LlmMetrics.NONE);
		llm[0] = this.llmTracing;
		this.tracer = new DefaultCascadeTracer(instrumentation);
	}

	private static LlmClientWrapper wrapper(SdkClients clients, LlmTracing[] tracing) {
		return new LlmClientWrapper() {
			@Override
			public boolean supports(Object client) {
				return clients.supports().test(client);
			}

			@Override
			public Object wrap(Object client) {
				return clients.tracer().traced(client, () -> tracing[0]);
			}
		};
	}

	/** Tracing with no model prices, content captured up to 16 KB. */
	public static CoreTracing start() {
		return start(ModelPricing.NONE);
	}

	/** Tracing with the given model prices, content captured up to 16 KB. */
	public static CoreTracing start(ModelPricing pricing) {
		return new CoreTracing(pricing, ContentFormatter.defaults(), List.of());
	}

	/** Tracing with the given model prices and content capture (as {@code cascade.capture-content} and
	 * {@code cascade.max-attribute-length} set it). */
	public static CoreTracing start(ModelPricing pricing, boolean captureContent, int maxAttributeLength) {
		return new CoreTracing(pricing, new ContentFormatter(captureContent, maxAttributeLength), List.of());
	}

	/** Tracing whose {@code wrapLlmClient} also offers clients to the given wrapper, first. */
	public static CoreTracing withWrapper(LlmClientWrapper wrapper) {
		return new CoreTracing(ModelPricing.NONE, ContentFormatter.defaults(), List.of(wrapper));
	}

	public OpenTelemetry openTelemetry() {
		return this.openTelemetry;
	}

	public CascadeTracer tracer() {
		return this.tracer;
	}

	public CascadeInstrumentation instrumentation() {
		return this.instrumentation;
	}

	public LlmTracing llmTracing() {
		return this.llmTracing;
	}

	public List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	public List<SpanData> llmSpans() {
		return spans().stream()
			.filter((span) -> CascadeAttributes.TYPE_LLM.equals(span.getAttributes().get(CascadeAttributes.SPAN_TYPE)))
			.toList();
	}

	/** The one LLM span ended so far; fails when there is none or more than one. */
	public SpanData onlyLlmSpan() {
		List<SpanData> spans = llmSpans();
		if (spans.size() != 1) {
			throw new AssertionError("Expected one LLM span but got " + spans);
		}
		return spans.get(0);
	}

	/** The one LLM span, once it has ended (streams and async calls end it on another thread). */
	public SpanData awaitLlmSpan() {
		await().atMost(Duration.ofSeconds(10)).until(() -> !llmSpans().isEmpty());
		return onlyLlmSpan();
	}

	@Override
	public void close() {
		this.openTelemetry.close();
	}

	/** A span's attributes by key name, for AssertJ's map assertions. */
	public static Map<String, Object> attributes(SpanData span) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
		return attributes;
	}

	/** Assert that an LLM span failed with an exception of the given type, recorded once. */
	public static void assertError(SpanData span, Class<? extends Throwable> type) {
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attributes(span)).containsEntry("error.type", type.getName()).containsKey("llm.latency_ms");
		assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
		assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
			.isEqualTo(type.getName());
	}

	public static SpanData span(InMemorySpanExporter exporter, String name) {
		return exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named '" + name + "' in " + exporter.getFinishedSpanItems()));
	}

	public static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

}
