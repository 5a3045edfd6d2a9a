package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Spring MVC, Spring AI and the raw SDK clients with the Cascade starter and the application's own
 * {@code spring-boot-starter-opentelemetry}, which also exports metrics over OTLP to
 * {@code localhost:4318}, where no collector listens.
 */
class WebmvcOpentelemetryMatrixTests extends OtlpMetricsMatrixTests {

	static Stream<Cell> cells() {
		return otlpCells(ClassPath.WEBMVC_OPENTELEMETRY);
	}

}
