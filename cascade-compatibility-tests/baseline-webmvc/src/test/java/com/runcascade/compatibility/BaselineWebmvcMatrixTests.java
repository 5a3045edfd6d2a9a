package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Spring MVC, Spring AI's OpenAI and Anthropic starters and the raw SDK clients, without the
 * Cascade starter: the replies every other module must give.
 */
class BaselineWebmvcMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.baseline(ClassPath.BASELINE_WEBMVC);
	}

}
