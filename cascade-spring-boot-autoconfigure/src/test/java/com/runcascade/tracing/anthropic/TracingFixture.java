package com.runcascade.tracing.anthropic;

import com.runcascade.tracing.llm.ModelPrice;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.llm.client.LlmTracingFixture;

/** The shared LLM tracing fixture, pricing the one Anthropic model the tests use. */
final class TracingFixture extends LlmTracingFixture {

	static final ModelPrice SONNET_PRICE = new ModelPrice(3.0, 15.0, 0.3, 3.75);

	/** Knows the price of one model only. */
	static final ModelPricing PRICING = (provider, model) -> model.equals("claude-sonnet-4-5") ? SONNET_PRICE : null;

	TracingFixture() {
		this(true);
	}

	TracingFixture(boolean captureContent) {
		super(captureContent, PRICING);
	}

}
