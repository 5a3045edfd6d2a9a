package com.runcascade.tracing.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;



import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class PriceTableTests {

	private static final ModelPricing.Price CLAUDE_SONNET_4 = new ModelPricing.Price(3, 15, 0.3, 3.75);

	/** genai-prices lists no cache write price for OpenAI: cache writes cost the input price. */
	private static final ModelPricing.Price GPT_4O = new ModelPricing.Price(2.5, 10, 1.25, 2.5);

	private final PriceTable table = new PriceTable();

	@Test
	void bundledTableNamesItsSource() {
		assertThat(this.table.source()).startsWith("@pydantic/genai-prices ");
		assertThat(this.table.size()).isGreaterThan(100);
	}

	@Test
	void everyNameInTheBundledTableResolvesToItsOwnModel() throws IOException {
		List<String> wrong = new ArrayList<>();
		int names = 0;
		try (InputStream stream = PriceTable.class.getResourceAsStream(PriceTable.RESOURCE)) {
			assertThat(stream).isNotNull();
			BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("#")) {
					continue;
				}
				String[] cells = line.split("\t", -1);
				double input = Double.parseDouble(cells[2]);
				ModelPricing.Price expected = new ModelPricing.Price(input, Double.parseDouble(cells[3]),
						cells[4].isEmpty() ? input : Double.parseDouble(cells[4]),
						cells[5].isEmpty() ? input : Double.parseDouble(cells[5]));
				List<String> modelNames = new ArrayList<>(List.of(cells[1]));
				if (!cells[6].isEmpty()) {
					modelNames.addAll(List.of(cells[6].split(",")));
				}
				for (String name : modelNames) {
					String plain = name.endsWith("*") ? name.substring(0, name.length() - 1) : name;
					names++;
					if (!expected.equals(this.table.priceOf(cells[0], plain))) {
						wrong.add(cells[0] + "/" + cells[1] + ": " + plain);
					}
				}
			}
		}
		assertThat(names).isGreaterThan(this.table.size());
		assertThat(wrong).isEmpty();
	}

	@Test
	void knownModelsHaveTheirBundledPrices() {
		assertThat(this.table.priceOf("anthropic", "claude-sonnet-4")).isEqualTo(CLAUDE_SONNET_4);
		assertThat(this.table.priceOf("openai", "gpt-4o")).isEqualTo(GPT_4O);
		assertThat(this.table.priceOf("openai", "gpt-4o-mini")).isEqualTo(new ModelPricing.Price(0.15, 0.6, 0.075, 0.15));
		assertThat(this.table.priceOf("anthropic", "claude-3-5-haiku-latest"))
			.isEqualTo(new ModelPricing.Price(0.8, 4, 0.08, 1));
	}

	@Test
	void datedSnapshotsResolveToTheirModel() {
		assertThat(this.table.priceOf("anthropic", "claude-sonnet-4-20250514")).isEqualTo(CLAUDE_SONNET_4);
		assertThat(this.table.priceOf("anthropic", "claude-3-5-sonnet-20241022"))
			.isEqualTo(new ModelPricing.Price(3, 15, 0.3, 3.75));
		assertThat(this.table.priceOf("openai", "gpt-4o-2024-08-06")).isEqualTo(GPT_4O);
		assertThat(this.table.priceOf("openai", "gpt-4o-2031-01-01")).isEqualTo(GPT_4O);
	}

	@Test
	void snapshotWithItsOwnPriceKeepsIt() {
		assertThat(this.table.priceOf("openai", "gpt-4o-2024-05-13")).isEqualTo(new ModelPricing.Price(5, 15, 5, 5));
	}

	@Test
	void openRouterIdsResolveWithoutTheirVendorPrefix() {
		assertThat(this.table.priceOf("openrouter", "anthropic/claude-sonnet-4")).isEqualTo(CLAUDE_SONNET_4);
		assertThat(this.table.priceOf("openrouter", "openai/gpt-4o")).isEqualTo(GPT_4O);
		assertThat(this.table.priceOf("openrouter", "openai/gpt-4o-2024-08-06")).isEqualTo(GPT_4O);
	}

	@Test
	void latestSuffixResolvesToTheModel() {
		assertThat(this.table.priceOf("openai", "gpt-4o-latest")).isEqualTo(GPT_4O);
		assertThat(this.table.priceOf("anthropic", "claude-sonnet-4-latest")).isEqualTo(CLAUDE_SONNET_4);
	}

	@Test
	void latestAliasWithItsOwnPriceKeepsIt() {
		assertThat(this.table.priceOf("openai", "chatgpt-4o-latest")).isEqualTo(new ModelPricing.Price(5, 15, 5, 5));
	}

	@Test
	void vertexAndGeminiVersionsResolve() {
		assertThat(this.table.priceOf("google", "claude-sonnet-4@20250514")).isEqualTo(CLAUDE_SONNET_4);
		assertThat(this.table.priceOf("google", "gemini-2.0-flash-001"))
			.isEqualTo(this.table.priceOf("google", "gemini-2.0-flash"))
			.isNotNull();
		assertThat(this.table.priceOf("google", "models/gemini-2.5-pro"))
			.isEqualTo(this.table.priceOf("google", "gemini-2.5-pro"))
			.isNotNull();
	}

	@Test
	void namesAreCaseInsensitive() {
		assertThat(this.table.priceOf("anthropic", "Claude-Sonnet-4")).isEqualTo(CLAUDE_SONNET_4);
		assertThat(this.table.priceOf("openai", "GPT-4o")).isEqualTo(GPT_4O);
	}

	@Test
	void longestPrefixWins() {
		assertThat(this.table.priceOf("anthropic", "claude-sonnet-4-5-20250929"))
			.isEqualTo(this.table.priceOf("anthropic", "claude-sonnet-4-5"));
		assertThat(this.table.priceOf("openai", "ft:gpt-4o-mini-2024-07-18:acme::abc"))
			.isEqualTo(new ModelPricing.Price(0.3, 1.2, 0.3, 0.3));
	}

	@Test
	void unknownModelHasNoPrice() {
		assertThat(this.table.priceOf("acme", "acme-llm")).isNull();
		assertThat(this.table.priceOf("openrouter", "acme/acme-llm-20250101")).isNull();
		assertThat(this.table.priceOf("acme", "")).isNull();
	}

	@Test
	void resolvedNamesAreCachedUpToALimit() {
		for (int i = 0; i < PriceTable.MAX_CACHED_NAMES + 50; i++) {
			assertThat(this.table.priceOf("acme", "acme-llm-" + i)).isNull();
		}
		assertThat(this.table.cachedNames()).isEqualTo(PriceTable.MAX_CACHED_NAMES);
		assertThat(this.table.priceOf("openai", "gpt-4o")).isEqualTo(GPT_4O);
	}

	@Test
	void overrideReplacesTheFieldsItSetsForAllNamesOfTheModel() {
		PriceTable table = new PriceTable(Map.of("gpt-4o", price(2.0, null, null, null)));
		ModelPricing.Price expected = new ModelPricing.Price(2, 10, 1.25, 2.5);
		assertThat(table.priceOf("openai", "gpt-4o")).isEqualTo(expected);
		assertThat(table.priceOf("openai", "gpt-4o-2024-08-06")).isEqualTo(expected);
		assertThat(table.priceOf("openrouter", "openai/gpt-4o")).isEqualTo(expected);
		assertThat(table.priceOf("openai", "gpt-4o-2024-05-13")).isEqualTo(new ModelPricing.Price(5, 15, 5, 5));
	}

	@Test
	void overrideBySnapshotNameAppliesToItsModel() {
		PriceTable table = new PriceTable(Map.of("claude-sonnet-4-20250514", price(null, 20.0, null, null)));
		assertThat(table.priceOf("anthropic", "claude-sonnet-4")).isEqualTo(new ModelPricing.Price(3, 20, 0.3, 3.75));
	}

	@Test
	void overrideAddsUnknownModel() {
		PriceTable table = new PriceTable(Map.of("Acme-LLM", price(1.0, 2.0, null, 0.5)));
		ModelPricing.Price expected = new ModelPricing.Price(1, 2, 1, 0.5);
		assertThat(table.priceOf("acme", "acme-llm")).isEqualTo(expected);
		assertThat(table.priceOf("acme", "acme-llm-2025-01-01")).isEqualTo(expected);
		assertThat(table.priceOf("openrouter", "acme/acme-llm")).isEqualTo(expected);
		assertThat(table.size()).isEqualTo(this.table.size() + 1);
	}

	@Test
	void negativeOverrideIsRejectedWithItsPropertyName() {
		assertThatExceptionOfType(InvalidPriceException.class)
			.isThrownBy(() -> new PriceTable(Map.of("gpt-4o", price(null, null, -0.1, null))))
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("cascade.pricing.models[gpt-4o].cache-read"))
			.withMessageContaining("must not be negative");
	}

	@Test
	void newModelWithoutOutputPriceIsRejected() {
		assertThatExceptionOfType(InvalidPriceException.class)
			.isThrownBy(() -> new PriceTable(Map.of("acme-llm", price(1.0, null, null, null))))
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo("cascade.pricing.models[acme-llm].output"))
			.withMessageContaining("no bundled price for model 'acme-llm'");
	}

	@Test
	void twoOverridesOfOneModelAreRejected() {
		Map<String, PriceOverride> overrides = new LinkedHashMap<>();
		overrides.put("gpt-4o", price(2.0, null, null, null));
		overrides.put("gpt-4o-2024-08-06", price(3.0, null, null, null));
		assertThatExceptionOfType(InvalidPriceException.class)
			.isThrownBy(() -> new PriceTable(overrides))
			.withMessageContaining("cascade.pricing.models[gpt-4o]")
			.withMessageContaining("cascade.pricing.models[gpt-4o-2024-08-06]");
	}

	@Test
	void anthropicCostChargesCachedTokensApart() {
		ModelPricing.Price price = this.table.priceOf("anthropic", "claude-sonnet-4-20250514");
		assertThat(price).isNotNull();
		// Anthropic reports cache reads and writes next to the uncached input tokens.
		TokenUsage usage = new TokenUsage(1_000L, 500L, 2_000L, 100L, false);
		double expected = (1_000 * 3 + 500 * 15 + 2_000 * 0.3 + 100 * 3.75) / 1_000_000;
		assertThat(price.cost(usage)).isCloseTo(expected, within(1e-12));
	}

	@Test
	void openAiCostDoesNotChargeCachedTokensTwice() {
		ModelPricing.Price price = this.table.priceOf("openai", "gpt-4o-2024-08-06");
		assertThat(price).isNotNull();
		// OpenAI counts cached tokens in the prompt tokens.
		TokenUsage usage = new TokenUsage(3_000L, 500L, 2_000L, null, true);
		double expected = (1_000 * 2.5 + 500 * 10 + 2_000 * 1.25) / 1_000_000;
		assertThat(price.cost(usage)).isCloseTo(expected, within(1e-12));
	}

	private static PriceOverride price(@Nullable Double input, @Nullable Double output, @Nullable Double cacheRead,
			@Nullable Double cacheWrite) {
		return new PriceOverride(input, output, cacheRead, cacheWrite);
	}

}
