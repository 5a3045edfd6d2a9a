package com.runcascade.compatibility;

import org.jspecify.annotations.Nullable;

/**
 * The requests the matrix sends, with what each must produce: its reply (a key of
 * {@code expected-bodies.properties}), the LLM and tool spans it makes, and the Cascade run it
 * opens, if any.
 */
enum Endpoint {

	/** {@code ChatClient.call()} with a tool loop, outside any run. */
	CALL("/chat/{city}", "tools", 2, 1, null),

	/** {@code ChatClient.stream()} with a tool loop, outside any run; the controller returns the {@code Flux}. */
	STREAM("/chat/{city}/stream", "tools", 2, 1, null),

	/** {@code call()} with a tool loop and {@code MessageChatMemoryAdvisor}, outside any run. */
	MEMORY("/memory/{conversation}/{city}", "tools", 2, 1, null),

	/** {@code call()} with the tool loop in Spring AI's tool-calling advisor, outside any run. */
	TOOL_CALLING_ADVISOR("/advised/{city}", "tools", 2, 1, null),

	/** {@code call().entity(Forecast.class)}, outside any run (the emulator answers with scripted JSON). */
	ENTITY("/forecast/{city}", "forecast", 1, 0, null),

	/** {@code call()} with a tool loop inside {@code Cascade.traceRun}. */
	RUN_CALL("/run/{city}", "tools", 2, 1, "WeatherRun"),

	/** {@code stream()} with a tool loop inside {@code Cascade.traceRun}, collected there. */
	RUN_STREAM("/run/{city}/stream", "tools", 2, 1, "WeatherStreamRun"),

	/** The raw Anthropic and OpenAI client beans, one call each, inside {@code Cascade.traceRun}. */
	RAW("/raw/{city}", "raw", 2, 0, "RawRun"),

	/** The raw Anthropic and OpenAI client beans, one stream each, inside {@code Cascade.traceRun}. */
	RAW_STREAM("/raw/{city}/stream", "raw", 2, 0, "RawStreamRun");

	private final String path;

	private final String body;

	private final int llmCalls;

	private final int toolCalls;

	private final @Nullable String run;

	Endpoint(String path, String body, int llmCalls, int toolCalls, @Nullable String run) {
		this.path = path;
		this.body = body;
		this.llmCalls = llmCalls;
		this.toolCalls = toolCalls;
		this.run = run;
	}

	String path(String city, String conversation) {
		return this.path.replace("{city}", city).replace("{conversation}", conversation);
	}

	String body() {
		return this.body;
	}

	int llmCalls() {
		return this.llmCalls;
	}

	int toolCalls() {
		return this.toolCalls;
	}

	/** Whether the request streams a {@code ChatClient} reply whose tool loop has more than one round trip. */
	boolean streamsAToolLoop() {
		return this == STREAM || this == RUN_STREAM;
	}

	/**
	 * Whether the request's tool loop runs inside the chat model (one {@code ChatClient} call, every
	 * round trip made by the model), rather than in an advisor or not at all.
	 */
	boolean toolLoopInTheModel() {
		return this == CALL || this == STREAM || this == MEMORY || this == RUN_CALL || this == RUN_STREAM;
	}

	/** The run's span name, or {@code null} when the request opens no run. */
	@Nullable String run() {
		return this.run;
	}

	/** The emulator's scripted reply that {@link #ENTITY} reads as JSON. */
	static String forecastJson(String city) {
		return "{\"city\":\"" + city + "\",\"summary\":\"Sunny, 18°C\"}";
	}

}
