package com.runcascade.compatibility;

import com.runcascade.emulator.LlmEmulator;

/** What the matrix names or sets differently on the Boot 4 line than on Boot 3.5. */
final class BootLine {

	/** The reactive server's mark: Boot 4's Reactor Netty server, in its own module. */
	static final String REACTIVE_SERVER = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

	private BootLine() {
	}

	/** {@code spring.ai.openai.base-url}: Spring AI 2.0's models use the OpenAI SDK, whose base URL ends in {@code /v1}. */
	static String openAiBaseUrl(LlmEmulator emulator) {
		return emulator.openAiBaseUrl();
	}

}
