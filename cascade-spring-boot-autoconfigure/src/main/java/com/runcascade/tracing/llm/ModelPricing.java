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
	@Nullable ModelPrice priceOf(String provider, String model);

}
