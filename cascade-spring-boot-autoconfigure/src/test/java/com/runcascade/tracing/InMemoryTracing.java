package com.runcascade.tracing;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.runcascade.tracing.annotation.CascadeAnnotationsAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeExportAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.llm.ModelPricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one tracing fixture of the tests: Boot's real OpenTelemetry auto-configuration and Cascade's,
 * with every finished span also kept in memory. Use {@link #contextRunner()} to assert on
 * contexts, or {@link #start(ModelPricing, String...)} for a running application whose beans a
 * test calls directly (the SDK client tests wrap their clients with its LLM tracing).
 */
public final class InMemoryTracing implements AutoCloseable {

	/** Boot's OpenTelemetry SDK and tracing, Micrometer observations, and Cascade's core. */
	private static final Class<?>[] AUTO_CONFIGURATIONS = { BootLine.OPEN_TELEMETRY_SDK,
			BootLine.OPEN_TELEMETRY_TRACING, AopAutoConfiguration.class, CascadeAutoConfiguration.class,
			CascadeExportAutoConfiguration.class, CascadeLlmAutoConfiguration.class,
			CascadeAnnotationsAutoConfiguration.class };

	/** Where every span of the running application ends up. */
	public final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ConfigurableApplicationContext context;

	private InMemoryTracing(Consumer<GenericApplicationContext> beans, String... properties) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(properties).applyTo(context);
		beans.accept(context);
		context.registerBean("inMemorySpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(this.exporter));
		// Registered in the order auto-configuration would apply them, as ApplicationContextRunner does.
		context.register(Configurations.getClasses(AutoConfigurations.of(AUTO_CONFIGURATIONS)));
		context.refresh();
		this.context = context;
	}

	/** Boot's OpenTelemetry SDK and tracing plus Cascade's core auto-configurations. */
	public static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AUTO_CONFIGURATIONS))
			.withUserConfiguration(ExporterConfiguration.class);
	}

	/**
	 * Start an application with Cascade's core auto-configurations.
	 * @param properties {@code key=value} pairs, such as {@code cascade.capture-content=false}
	 * @return the running application; close it after the test
	 */
	public static InMemoryTracing start(String... properties) {
		return new InMemoryTracing((context) -> {
		}, properties);
	}

	/**
	 * Start an application with Cascade's core auto-configurations and the given model prices.
	 * @param pricing the model prices LLM spans are costed with
	 * @param properties {@code key=value} pairs
	 * @return the running application; close it after the test
	 */
	public static InMemoryTracing start(ModelPricing pricing, String... properties) {
		return new InMemoryTracing((context) -> context.registerBean(ModelPricing.class, () -> pricing), properties);
	}

	/**
	 * Start an application with Cascade's core auto-configurations and beans of the test's own
	 * (a span processor under test, a clock for the tracer provider).
	 * @param beans registers the test's beans
	 * @param properties {@code key=value} pairs
	 * @return the running application; close it after the test
	 */
	public static InMemoryTracing start(Consumer<GenericApplicationContext> beans, String... properties) {
		return new InMemoryTracing(beans, properties);
	}

	/** The application's bean of a type. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** The application's one OpenTelemetry SDK. */
	public OpenTelemetry openTelemetry() {
		return bean(OpenTelemetry.class);
	}

	/** The application's Cascade tracer. */
	public CascadeTracer tracer() {
		return bean(CascadeTracer.class);
	}

	/** Every span ended so far. */
	public List<SpanData> spans() {
		return this.exporter.getFinishedSpanItems();
	}

	/** The LLM spans ended so far. */
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
		this.context.close();
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

	public static List<SpanData> spans(InMemorySpanExporter exporter) {
		return exporter.getFinishedSpanItems();
	}

	public static SpanData span(InMemorySpanExporter exporter, String name) {
		return spans(exporter).stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named '" + name + "' in " + names(exporter)));
	}

	public static Map<String, SpanData> byName(InMemorySpanExporter exporter) {
		return spans(exporter).stream().collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
	}

	public static List<String> names(InMemorySpanExporter exporter) {
		return spans(exporter).stream().map(SpanData::getName).toList();
	}

	public static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	/** Spans of one Cascade type ({@code cascade.span_type}), in start order. */
	public static List<SpanData> ofType(InMemorySpanExporter exporter, String type) {
		return spans(exporter).stream()
			.filter((span) -> type.equals(span.getAttributes().get(CascadeAttributes.SPAN_TYPE)))
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
	}

	/** Every span as {@code name(type) trace/id <- parentId}, in start order, to explain a failed assertion. */
	public static String tree(InMemorySpanExporter exporter) {
		StringBuilder tree = new StringBuilder("\n");
		spans(exporter).stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.forEach((span) -> tree.append(span.getName())
				.append('(')
				.append(span.getAttributes().get(CascadeAttributes.SPAN_TYPE))
				.append(") ")
				.append(span.getTraceId(), 0, 6)
				.append('/')
				.append(span.getSpanId())
				.append(" <- ")
				.append(span.getParentSpanId())
				.append('\n'));
		return tree.toString();
	}

	/** Whether {@code descendant} sits somewhere below {@code ancestor}. */
	public static boolean isDescendant(InMemorySpanExporter exporter, SpanData descendant, SpanData ancestor) {
		List<SpanData> all = spans(exporter);
		SpanData current = descendant;
		while (current != null && current.getParentSpanContext().isValid()) {
			String parentId = current.getParentSpanId();
			if (parentId.equals(ancestor.getSpanId())) {
				return true;
			}
			current = all.stream().filter((span) -> span.getSpanId().equals(parentId)).findFirst().orElse(null);
		}
		return false;
	}

	/**
	 * Sum an attribute over all spans, as a tool that adds up {@code gen_ai.usage.*} would: Cascade
	 * writes numbers, Micrometer Tracing (Spring AI's observations) writes numbers as strings.
	 */
	public static long sum(InMemorySpanExporter exporter, String key) {
		return spans(exporter).stream()
			.flatMap((span) -> span.getAttributes().asMap().entrySet().stream())
			.filter((entry) -> entry.getKey().getKey().equals(key))
			.mapToLong((entry) -> Long.parseLong(String.valueOf(entry.getValue())))
			.sum();
	}

	/**
	 * The in-memory exporter as a bean ({@code context.getBean(InMemorySpanExporter.class)}), fed
	 * synchronously by its own span processor. Import it into a {@code @SpringBootTest} or add it to
	 * a context runner.
	 */
	@Configuration(proxyBeanMethods = false)
	@Import(BootLine.SpanExportersConfiguration.class)
	public static class ExporterConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
			return SimpleSpanProcessor.create(exporter);
		}

	}

}
