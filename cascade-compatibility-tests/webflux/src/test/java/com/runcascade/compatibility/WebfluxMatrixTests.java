package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * WebFlux alone (no servlet API, no Tomcat), Spring AI and the raw SDK clients with the Cascade
 * starter.
 */
class WebfluxMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBFLUX);
	}

}
