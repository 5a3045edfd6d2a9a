package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Boot 3.5: WebFlux alone with actuator and micrometer-registry-prometheus, Spring AI 1.1 and the
 * raw SDK clients with cascade-spring-boot3-starter.
 */
class Boot3WebfluxPrometheusMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBFLUX_PROMETHEUS);
	}

}
