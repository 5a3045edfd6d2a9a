package com.runcascade.compatibility;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.trace.v1.Span;

import com.runcascade.emulator.LlmEmulator;

/**
 * What the matrix names, sets or expects differently on the Boot 3.5 line (Spring AI 1.1) than on
 * Boot 4 (whose class of the same name is in {@code cascade-compatibility-tests/matrix-support}).
 */
final class BootLine {

	/**
	 * The reactive server's mark: Reactor Netty's own server. Boot 3.5's
	 * {@code NettyReactiveWebServerFactory} is in {@code spring-boot} itself, on every class path.
	 */
	static final String REACTIVE_SERVER = "reactor.netty.http.server.HttpServer";

	/**
	 * Whether the Cascade starter brings the actuator: on Boot 3.5 it does, as Boot's tracing lives in
	 * {@code spring-boot-actuator-autoconfigure}.
	 */
	static final boolean CASCADE_STARTER_BRINGS_ACTUATOR = true;

	/**
	 * Application properties of every cell on this line: Spring AI 1.1's OpenAI model reports a
	 * stream's usage only when asked to (Spring AI 2.0's always does).
	 */
	static final Map<String, String> APPLICATION_PROPERTIES = Map.of("spring.ai.openai.chat.options.stream-usage",
			"true");

	private BootLine() {
	}

	/** {@code spring.ai.openai.base-url}: Spring AI 1.1's own OpenAI client adds {@code /v1} itself. */
	static String openAiBaseUrl(LlmEmulator emulator) {
		return emulator.baseUrl();
	}

	/**
	 * The tokens the registry counts for a request's LLM spans. Spring AI 1.1's chat models report
	 * a running sum from a tool loop's second round trip on, and its own
	 * {@code gen_ai.client.token.usage} counter adds each round's report as it comes (with or
	 * without Cascade): a loop inside the model counts round one, then rounds one and two, and so
	 * on. The spans carry each round's own tokens; Cascade's meters add nothing to Spring AI's.
	 */
	static long meteredTokens(Endpoint endpoint, List<Span> llm, String key) {
		if (!endpoint.toolLoopInTheModel()) {
			return Spans.sum(llm, key);
		}
		if (endpoint.streamsAToolLoop()) {
			// A streamed loop: every round trip's observation stops with the stream's aggregated usage,
			// the loop's final running sum, so the counter adds the whole loop once per round trip.
			return llm.size() * Spans.sum(llm, key);
		}
		long runningSum = 0;
		long metered = 0;
		for (Span span : llm.stream().sorted(Comparator.comparingLong(Span::getStartTimeUnixNano)).toList()) {
			Long tokens = Spans.number(span, key);
			runningSum += (tokens != null) ? tokens : 0;
			metered += runningSum;
		}
		return metered;
	}

}
