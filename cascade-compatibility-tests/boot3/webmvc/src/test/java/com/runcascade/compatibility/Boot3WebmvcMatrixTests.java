package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Boot 3.5: Spring MVC, Spring AI 1.1 and the raw SDK clients with cascade-spring-boot3-starter,
 * nothing else.
 */
class Boot3WebmvcMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBMVC);
	}

}
