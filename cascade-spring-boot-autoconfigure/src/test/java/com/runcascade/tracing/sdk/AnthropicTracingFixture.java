package com.runcascade.tracing.sdk;

import com.runcascade.tracing.llm.ModelPrice;
import com.runcascade.tracing.llm.ModelPricing;

/** The shared LLM tracing fixture, pricing the one Anthropic model the tests use. */
final class AnthropicTracingFixture extends LlmTracingFixture {

	static final ModelPrice SONNET_PRICE = new ModelPrice(3.0, 15.0, 0.3, 3.75);

	/** Knows the price of one model only. */
	static final ModelPricing PRICING = (provider, model) -> model.equals("claude-sonnet-4-5") ? SONNET_PRICE : null;

	AnthropicTracingFixture() {
		this(true);
	}

	AnthropicTracingFixture(boolean captureContent) {
		super(captureContent, PRICING);
	}

}
