package com.runcascade.tracing.llm;

import org.jspecify.annotations.Nullable;

/**
 * Prices of one model in USD per million tokens.
 * @param input uncached input tokens
 * @param output output tokens
 * @param cacheRead input tokens read from the prompt cache
 * @param cacheWrite input tokens written to the prompt cache
 */
public record ModelPrice(double input, double output, double cacheRead, double cacheWrite) {

	/**
	 * Cost of one call.
	 * @param usage reported usage
	 * @return cost in USD
	 */
	public double cost(LlmUsage usage) {
		double tokens = usage.uncachedInputTokens() * this.input
				+ orZero(usage.outputTokens()) * this.output
				+ orZero(usage.cacheReadTokens()) * this.cacheRead
				+ orZero(usage.cacheCreationTokens()) * this.cacheWrite;
		return tokens / 1_000_000.0;
	}

	private static long orZero(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

}
