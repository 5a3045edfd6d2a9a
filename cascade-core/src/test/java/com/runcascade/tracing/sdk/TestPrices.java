package com.runcascade.tracing.sdk;

import com.runcascade.tracing.llm.ModelPricing;

/** The prices of the models the SDK client tests of both vendors call, and no others. */
public final class TestPrices {

	public static final ModelPricing.Price SONNET = new ModelPricing.Price(3.0, 15.0, 0.3, 3.75);

	public static final ModelPricing.Price GPT_4O_MINI = new ModelPricing.Price(0.15, 0.6, 0.075, 0.0);

	public static final ModelPricing.Price GPT_41 = new ModelPricing.Price(2.0, 8.0, 0.5, 0.0);

	public static final ModelPricing PRICING = (provider, model) -> switch (model) {
		case "claude-sonnet-4-5" -> SONNET;
		case "gpt-4o-mini" -> GPT_4O_MINI;
		case "gpt-4.1" -> GPT_41;
		default -> null;
	};

	private TestPrices() {
	}

}
