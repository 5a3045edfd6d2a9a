package com.runcascade.sample;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What adding the Cascade starter brings onto an application's classpath (this sample depends on
 * it like any user would).
 */
class StarterDependenciesTests {

	private static boolean present(String className) {
		return ClassUtils.isPresent(className, StarterDependenciesTests.class.getClassLoader());
	}

	@Test
	void theStarterBringsWhatTracingNeeds() {
		assertThat(present("com.runcascade.tracing.Cascade")).isTrue();
		assertThat(present("io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter")).isTrue();
		assertThat(present("io.micrometer.tracing.otel.bridge.OtelTracer")).isTrue();
		assertThat(present(
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"))
			.isTrue();
		// @Tool and @Function are traced by a Spring AOP advisor: no AspectJ needed.
		assertThat(present("org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor")).isTrue();
	}

	@Test
	void theStarterDoesNotTurnOnOtlpMetricsExport() {
		// micrometer-registry-otlp would push metrics to localhost:4318 every minute and log a stack
		// trace each time no collector listens.
		assertThat(present("io.micrometer.registry.otlp.OtlpMeterRegistry")).isFalse();
	}

}
