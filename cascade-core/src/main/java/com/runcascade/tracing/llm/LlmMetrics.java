package com.runcascade.tracing.llm;

import org.jspecify.annotations.Nullable;

/** Records GenAI client metrics for each finished LLM call. */
public interface LlmMetrics {

	/** Records nothing; used when no {@code MeterRegistry} is present. */
	LlmMetrics NONE = (provider, model, agentName, durationSeconds, usage, costUsd, errorType) -> {
	};

	/**
	 * Record one finished call.
	 * @param provider provider name
	 * @param model model name
	 * @param agentName current agent, if any
	 * @param durationSeconds duration of the call; {@code null} when another instrumentation already
	 * times it (see {@link LlmCall#markDurationMeteredElsewhere(String)}), so that each request has one
	 * latency series
	 * @param usage reported usage; {@code null} when none was reported or when another instrumentation
	 * already meters this call's tokens (see {@link LlmCall#markUsageMeteredElsewhere(String)})
	 * @param costUsd cost, if the model's price is known
	 * @param errorType error class name when the call failed
	 */
	void record(String provider, String model, @Nullable String agentName, @Nullable Double durationSeconds,
			@Nullable TokenUsage usage, @Nullable Double costUsd, @Nullable String errorType);

}
