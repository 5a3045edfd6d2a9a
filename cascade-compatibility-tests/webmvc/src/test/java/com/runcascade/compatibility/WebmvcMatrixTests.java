package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Spring MVC, Spring AI and the raw SDK clients with the Cascade starter, nothing else.
 */
class WebmvcMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBMVC);
	}

}
