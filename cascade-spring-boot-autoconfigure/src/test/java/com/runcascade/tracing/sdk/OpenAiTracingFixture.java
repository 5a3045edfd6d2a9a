package com.runcascade.tracing.sdk;

import com.runcascade.tracing.llm.ModelPrice;
import com.runcascade.tracing.llm.ModelPricing;

/** The shared LLM tracing fixture, pricing the two OpenAI models the tests use. */
final class OpenAiTracingFixture extends LlmTracingFixture {

	static final ModelPrice GPT_4O_MINI_PRICE = new ModelPrice(0.15, 0.6, 0.075, 0.0);

	static final ModelPrice GPT_41_PRICE = new ModelPrice(2.0, 8.0, 0.5, 0.0);

	/** Knows the prices of two models only. */
	static final ModelPricing PRICING = (provider, model) -> switch (model) {
		case "gpt-4o-mini" -> GPT_4O_MINI_PRICE;
		case "gpt-4.1" -> GPT_41_PRICE;
		default -> null;
	};

	OpenAiTracingFixture() {
		this(true);
	}

	OpenAiTracingFixture(boolean captureContent) {
		super(captureContent, PRICING);
	}

}
