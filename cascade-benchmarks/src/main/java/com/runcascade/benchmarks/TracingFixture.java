package com.runcascade.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.annotation.CascadeAnnotationsAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.autoconfigure.CascadeLangChain4jAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeLlmClientAutoConfiguration;
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * The application as the starter sets it up: a Spring context with Boot's OpenTelemetry SDK and
 * tracing auto-configurations, Boot's AOP auto-configuration and Cascade's core, LLM, tool advisor
 * and SDK client auto-configurations, registered in auto-configuration order. A
 * {@link DiscardingSpanProcessor} bean drops every span when it ends.
 *
 * <p>
 * Nothing is exported: Cascade's export, console and trace viewer auto-configurations are not
 * registered (and their properties are off), and no {@link SpanExporter} bean exists. Boot's
 * {@link BatchSpanProcessor}, which Boot creates even with no exporter, is then left out of the
 * tracer provider by Cascade's own auto-configuration, as in an application; the fixture checks it.
 */
public final class TracingFixture implements AutoCloseable {

	/** The default of {@code cascade.max-attribute-length} (16 KB). */
	public static final int DEFAULT_MAX_LENGTH = 16 * 1024;

	/** Boot's OpenTelemetry SDK, tracing and AOP, and Cascade's auto-configurations an application gets. */
	private static final Class<?>[] AUTO_CONFIGURATIONS = { OpenTelemetrySdkAutoConfiguration.class,
			OpenTelemetryTracingAutoConfiguration.class, AopAutoConfiguration.class, CascadeAutoConfiguration.class,
			CascadeLlmAutoConfiguration.class, CascadeAnnotationsAutoConfiguration.class,
			CascadeLlmClientAutoConfiguration.class, CascadeLangChain4jAutoConfiguration.class };

	final DiscardingSpanProcessor spans = new DiscardingSpanProcessor();

	private final AnnotationConfigApplicationContext context;

	/** The application's one OpenTelemetry SDK. */
	public final OpenTelemetry openTelemetry;

	/** The application's Cascade tracer (bound to the {@code Cascade} facade while the context runs). */
	public final CascadeTracer tracer;

	/** The engine the integrations record through. */
	public final CascadeInstrumentation instrumentation;

	/**
	 * Start the application with content capture on or off.
	 * @param captureContent the value of {@code cascade.capture-content}
	 */
	public TracingFixture(boolean captureContent) {
		this(captureContent, (context) -> {
		});
	}

	/**
	 * Start the application with content capture on or off and beans of the benchmark's own.
	 * @param captureContent the value of {@code cascade.capture-content}
	 * @param beans registers the benchmark's beans (a bean to trace, a meter registry, a span
	 * processor), as an application's own configuration would
	 * @param properties more {@code key=value} properties, such as {@code cascade.enabled=false}
	 */
	public TracingFixture(boolean captureContent, Consumer<GenericApplicationContext> beans, String... properties) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		List<String> all = new ArrayList<>(List.of("cascade.capture-content=" + captureContent,
				"cascade.console.enabled=false", "cascade.viewer.enabled=false"));
		all.addAll(List.of(properties));
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark", toMap(all)));
		beans.accept(context);
		context.registerBean("discardingSpanProcessor", SpanProcessor.class, () -> this.spans);
		// Registered in the order auto-configuration applies them, as in an application.
		context.register(Configurations.getClasses(AutoConfigurations.of(AUTO_CONFIGURATIONS)));
		context.refresh();
		this.context = context;
		if (!context.getBeansOfType(SpanExporter.class).isEmpty() || context.getBean(SpanProcessors.class)
			.list()
			.stream()
			.anyMatch(BatchSpanProcessor.class::isInstance)) {
			close();
			throw new IllegalStateException("No span exporter or batch processor should run in a benchmark");
		}
		this.openTelemetry = context.getBean(OpenTelemetry.class);
		this.tracer = context.getBean(CascadeTracer.class);
		this.instrumentation = context.getBean(CascadeInstrumentation.class);
	}

	private static Map<String, Object> toMap(List<String> properties) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (String property : properties) {
			int equals = property.indexOf('=');
			map.put(property.substring(0, equals), property.substring(equals + 1));
		}
		return map;
	}

	/**
	 * A bean of the application.
	 * @param type the bean's type
	 * @return the one bean of that type
	 */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Whether the application has a bean of a type.
	 * @param type the type
	 * @return whether at least one bean of that type exists
	 */
	public boolean hasBean(Class<?> type) {
		return this.context.getBeanNamesForType(type).length > 0;
	}

	/**
	 * The application's LLM tracing (bundled price table; Micrometer metrics when a meter registry
	 * bean was registered, else none), as the SDK client wrappers use it.
	 * @return the LLM tracing bean
	 */
	public LlmTracing llmTracing() {
		return bean(LlmTracing.class);
	}

	/**
	 * How many spans ended since the application started.
	 * @return the count
	 */
	public long endedSpans() {
		return this.spans.ended();
	}

	/**
	 * The last span that ended.
	 * @return the span, or {@code null} if none ended
	 */
	public @Nullable ReadableSpan lastSpan() {
		return this.spans.last();
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
		this.context.close();
	}

}
