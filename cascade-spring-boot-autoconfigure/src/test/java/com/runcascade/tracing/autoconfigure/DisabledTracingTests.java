package com.runcascade.tracing.autoconfigure;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.handler.TracingAwareMeterObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.runcascade.tracing.support.CascadeInstrumentation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Disabled is not absent": whole applications (auto-configuration as Boot selects it, a servlet
 * server on loopback) with Cascade disabled, disabled with tracing configured by the application,
 * and enabled.
 */
class DisabledTracingTests {

	@Test
	void disabledLeavesOutTheTracingStackTheStarterBrought() throws Exception {
		try (ConfigurableApplicationContext context = start("cascade.enabled=false")) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).isEmpty();
			assertThat(tracingHandlers(context)).isEmpty();
			// A tracing-aware meter handler with no tracing handler before it fails every request's observation.
			assertThat(context.getBeansOfType(TracingAwareMeterObservationHandler.class)).isEmpty();
			assertThat(HelloApplication.get(context, "/hello")).isEqualTo("hello");
			assertThat(context.getBean(CascadeInstrumentation.class).otelTracer().spanBuilder("x").startSpan().isRecording())
				.isFalse();
		}
	}

	@Test
	void disabledKeepsTracingTheApplicationConfiguredItself() throws Exception {
		try (ConfigurableApplicationContext context = start("cascade.enabled=false",
				"management.tracing.sampling.probability=1.0")) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
			assertThat(tracingHandlers(context)).isNotEmpty();
			assertThat(HelloApplication.get(context, "/hello")).isEqualTo("hello");
		}
	}

	@Test
	void enabledKeepsBootsTracing() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
			assertThat(tracingHandlers(context)).isNotEmpty();
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(HelloApplication.class).properties(HelloApplication.COMMON)
			.properties(properties)
			.run();
	}

	@SuppressWarnings("rawtypes")
	private static java.util.Collection<ObservationHandler> tracingHandlers(ConfigurableApplicationContext context) {
		return context.getBeansOfType(ObservationHandler.class)
			.values()
			.stream()
			.filter((handler) -> handler instanceof TracingObservationHandler)
			.toList();
	}

}
