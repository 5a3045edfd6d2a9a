package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * WebFlux alone with actuator and micrometer-registry-prometheus, Spring AI and the raw SDK clients
 * with the Cascade starter.
 */
class WebfluxPrometheusMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBFLUX_PROMETHEUS);
	}

}
