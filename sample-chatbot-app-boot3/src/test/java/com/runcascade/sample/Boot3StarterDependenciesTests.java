package com.runcascade.sample;

import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What adding {@code cascade-spring-boot3-starter} brings onto a Spring Boot 3.5 application's
 * classpath: the Boot 3.5 line's {@code StarterDependenciesTests} (Boot 3.5 keeps its tracing
 * auto-configuration in the actuator's module).
 */
class Boot3StarterDependenciesTests {

	private static boolean present(String className) {
		return ClassUtils.isPresent(className, Boot3StarterDependenciesTests.class.getClassLoader());
	}

	@Test
	void theStarterBringsWhatTracingNeeds() {
		assertThat(present("com.runcascade.tracing.Cascade")).isTrue();
		assertThat(present("io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter")).isTrue();
		assertThat(present("io.micrometer.tracing.otel.bridge.OtelTracer")).isTrue();
		assertThat(present("org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration"))
			.isTrue();
		// @Tool and @Function are traced by a Spring AOP advisor: no AspectJ needed.
		assertThat(present("org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor")).isTrue();
		// The Boot 4 line's class is not: one Boot line on the class path.
		assertThat(present(
				"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"))
			.isFalse();
	}

	@Test
	void theStarterDoesNotTurnOnOtlpMetricsExport() {
		// micrometer-registry-otlp would push metrics to localhost:4318 every minute and log a stack
		// trace each time no collector listens.
		assertThat(present("io.micrometer.registry.otlp.OtlpMeterRegistry")).isFalse();
	}

}
