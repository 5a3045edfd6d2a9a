package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Boot 3.5: Spring MVC, Spring AI 1.1 and the raw SDK clients with cascade-spring-boot3-starter and
 * the application's own OpenTelemetry setup as Boot 3.5 has it (no OpenTelemetry starter): the
 * actuator, {@code micrometer-tracing-bridge-otel}, {@code opentelemetry-exporter-otlp} and
 * {@code micrometer-registry-otlp}, which exports metrics to {@code localhost:4318}, where no
 * collector listens.
 */
class Boot3WebmvcOpentelemetryMatrixTests extends OtlpMetricsMatrixTests {

	static Stream<Cell> cells() {
		return otlpCells(ClassPath.WEBMVC_ACTUATOR_OTLP);
	}

}
