package com.runcascade.compatibility;

import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.trace.v1.Span;

import com.runcascade.emulator.LlmEmulator;

/**
 * What the matrix names, sets or expects differently on the Boot 4 line than on Boot 3.5 (whose
 * class of the same name is in {@code cascade-compatibility-tests/boot3/matrix-support}).
 */
final class BootLine {

	/** The reactive server's mark: Boot 4's Reactor Netty server, in its own module. */
	static final String REACTIVE_SERVER = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

	/** Whether the Cascade starter brings the actuator: not on Boot 4, where tracing is not in the actuator. */
	static final boolean CASCADE_STARTER_BRINGS_ACTUATOR = false;

	/** Application properties of every cell on this line, beyond the matrix's own. */
	static final Map<String, String> APPLICATION_PROPERTIES = Map.of();

	private BootLine() {
	}

	/** {@code spring.ai.openai.base-url}: Spring AI 2.0's models use the OpenAI SDK, whose URL ends in {@code /v1}. */
	static String openAiBaseUrl(LlmEmulator emulator) {
		return emulator.openAiBaseUrl();
	}

	/** The tokens the registry counts for a request's LLM spans: each span's own, once. */
	static long meteredTokens(Endpoint endpoint, List<Span> llm, String key) {
		return Spans.sum(llm, key);
	}

}
