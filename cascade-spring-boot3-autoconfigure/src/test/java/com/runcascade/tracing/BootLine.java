package com.runcascade.tracing;

import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.actuate.autoconfigure.tracing.SpanExporters;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * What the shared tests need from Spring Boot that Boot 4 and Boot 3.5 spell differently (moved
 * auto-configurations, health and web server types). This class exists once per Boot line, with
 * the same name; the tests use only it. This is Boot 3.5's, where they live in the actuator.
 */
public final class BootLine {

	public static final Class<?> OPEN_TELEMETRY_SDK = OpenTelemetryAutoConfiguration.class;

	public static final Class<?> OPEN_TELEMETRY_TRACING = OpenTelemetryTracingAutoConfiguration.class;

	public static final Class<?> OTLP_TRACING = OtlpTracingAutoConfiguration.class;

	public static final Class<?> MICROMETER_TRACING = MicrometerTracingAutoConfiguration.class;

	/** The order of Boot's tracing handler for received requests, the first of its tracing handlers. */
	public static final int RECEIVER_TRACING_HANDLER_ORDER = MicrometerTracingAutoConfiguration.RECEIVER_TRACING_OBSERVATION_HANDLER_ORDER;

	public static final Class<?> OBSERVATION = ObservationAutoConfiguration.class;

	public static final Class<?> METRICS = MetricsAutoConfiguration.class;

	public static final Class<?> COMPOSITE_METER_REGISTRY = CompositeMeterRegistryAutoConfiguration.class;

	public static final Class<?> SIMPLE_METRICS_EXPORT = SimpleMetricsExportAutoConfiguration.class;

	/** The property of Boot's OTLP span exporter's endpoint. */
	public static final String OTLP_TRACING_ENDPOINT = "management.otlp.tracing.endpoint";

	/** The property of the schedule delay of Boot's batch span processor. */
	public static final String TRACING_SCHEDULE_DELAY = "management.tracing.opentelemetry.export.schedule-delay";

	/** Boot's health support, for a {@code FilteredClassLoader} that hides it. */
	public static final String HEALTH_PACKAGE = "org.springframework.boot.actuate.health";

	/**
	 * The property that keeps tracing on in a {@code @SpringBootTest}. Boot 3.5's test support sets
	 * {@code management.tracing.enabled=false} there unless told not to, which leaves a no-op
	 * propagator: no {@code traceparent} or {@code baggage} on outgoing calls.
	 */
	public static final String TRACING_IN_SPRING_BOOT_TEST = "spring.test.observability.auto-configure=true";

	/** The context type of a reactive web application with a server. */
	public static final Class<?> REACTIVE_WEB_SERVER_CONTEXT = ReactiveWebServerApplicationContext.class;

	private BootLine() {
	}

	/** The port of a running web application's server. */
	public static int port(ApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** A health indicator bean's current health. */
	public static HealthView health(ApplicationContext context, String beanName) {
		return view(context.getBean(beanName, HealthIndicator.class).health());
	}

	/** The one health indicator bean's current health. */
	public static HealthView health(ApplicationContext context) {
		return view(context.getBean(HealthIndicator.class).health());
	}

	private static HealthView view(Health health) {
		return new HealthView(health.getStatus().getCode(), health.getDetails());
	}

	/** Has the tracer provider use the given clock. */
	public static void tracerClock(GenericApplicationContext context, Clock clock) {
		context.registerBean(SdkTracerProviderBuilderCustomizer.class, () -> (builder) -> builder.setClock(clock));
	}

	/** A health's status code ({@code UP}, {@code DOWN}) and details. */
	public record HealthView(String status, Map<String, Object> details) {
	}

	/** A health indicator of the application's own, named {@code cascadeHealthIndicator}, that is DOWN. */
	@Configuration(proxyBeanMethods = false)
	public static class DownHealthIndicatorConfiguration {

		@Bean
		HealthIndicator cascadeHealthIndicator() {
			return () -> Health.down().build();
		}

	}

	/**
	 * Boot's batch processor exports to every {@code SpanExporter} bean; this keeps the test
	 * fixture's in-memory exporter out of it.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class SpanExportersConfiguration {

		@Bean
		SpanExporters spanExporters(ObjectProvider<SpanExporter> exporters) {
			List<SpanExporter> others = exporters.orderedStream()
				.filter((exporter) -> !(exporter instanceof InMemorySpanExporter))
				.toList();
			return SpanExporters.of(others);
		}

	}

}
