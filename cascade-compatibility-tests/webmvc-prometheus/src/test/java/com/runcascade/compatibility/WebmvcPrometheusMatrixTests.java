package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Spring MVC, Spring AI and the raw SDK clients with the Cascade starter, actuator and
 * micrometer-registry-prometheus.
 */
class WebmvcPrometheusMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBMVC_PROMETHEUS);
	}

}
