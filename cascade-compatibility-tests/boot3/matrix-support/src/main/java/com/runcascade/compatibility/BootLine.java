package com.runcascade.compatibility;

import com.runcascade.emulator.LlmEmulator;

/** What the matrix names or sets differently on the Boot 3.5 line than on Boot 4. */
final class BootLine {

	/**
	 * The reactive server's mark: Reactor Netty's own server. Boot 3.5's
	 * {@code NettyReactiveWebServerFactory} is in {@code spring-boot} itself, on every class path.
	 */
	static final String REACTIVE_SERVER = "reactor.netty.http.server.HttpServer";

	private BootLine() {
	}

	/** {@code spring.ai.openai.base-url}: Spring AI 1.1's own OpenAI client adds {@code /v1} itself. */
	static String openAiBaseUrl(LlmEmulator emulator) {
		return emulator.baseUrl();
	}

}
