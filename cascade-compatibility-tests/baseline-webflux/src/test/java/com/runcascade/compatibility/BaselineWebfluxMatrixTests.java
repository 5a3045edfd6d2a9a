package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * WebFlux alone, Spring AI's OpenAI and Anthropic starters and the raw SDK clients, without the
 * Cascade starter: the replies every reactive module must give.
 */
class BaselineWebfluxMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.baseline(ClassPath.BASELINE_WEBFLUX);
	}

}
