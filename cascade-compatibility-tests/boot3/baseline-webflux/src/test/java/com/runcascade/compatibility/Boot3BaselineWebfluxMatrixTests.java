package com.runcascade.compatibility;

import java.util.stream.Stream;

/**
 * Boot 3.5: WebFlux alone, Spring AI 1.1's OpenAI and Anthropic starters and the raw SDK clients,
 * without the Cascade starter: the replies every reactive module must give.
 */
class Boot3BaselineWebfluxMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.baseline(ClassPath.BASELINE_WEBFLUX);
	}

}
