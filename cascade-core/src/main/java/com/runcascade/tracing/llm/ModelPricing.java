package com.runcascade.tracing.llm;

import org.jspecify.annotations.Nullable;

/** Finds the price of a model. */
public interface ModelPricing {

	/** Knows no price: no cost is recorded. */
	ModelPricing NONE = (provider, model) -> null;

	/**
	 * The price of a model, resolving dated snapshots and provider-prefixed ids.
	 * @param provider provider name
	 * @param model model name as requested or reported
	 * @return the price, or {@code null} when the model is unknown (no cost is then recorded)
	 */
	@Nullable Price priceOf(String provider, String model);

	/**
	 * Prices of one model in USD per million tokens.
	 * @param input uncached input tokens
	 * @param output output tokens
	 * @param cacheRead input tokens read from the prompt cache
	 * @param cacheWrite input tokens written to the prompt cache
	 */
	record Price(double input, double output, double cacheRead, double cacheWrite) {

		/**
		 * Cost of one call.
		 * @param usage reported usage
		 * @return cost in USD
		 */
		public double cost(TokenUsage usage) {
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

}
