package com.runcascade.tracing.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;



/**
 * Model prices from the table bundled with Cascade ({@code model-prices.tsv}, generated from
 * {@code @pydantic/genai-prices} by {@code scripts/update-model-prices.mjs}) and the user's
 * {@code cascade.pricing.models} overrides.
 *
 * <p>
 * A model is found by its name alone, whichever provider serves it: exact names first, then the
 * longest known prefix, for the name as given and then its simpler forms (without a vendor prefix,
 * a Vertex AI version, a {@code -latest} suffix, a snapshot date or a Gemini version). An
 * unknown model has no price; none is ever guessed.
 *
 * <p>
 * An override applies to the model its name resolves to, with all that model's names and snapshots;
 * fields it leaves unset keep the bundled prices. A name that resolves to no bundled model adds a new
 * model, which needs an input and an output price; its cache prices default to the input price.
 *
 * <p>
 * Everything is read once, when the table is created; lookups take no lock and do no I/O.
 */
public final class PriceTable implements ModelPricing {

	private static final Logger logger = LoggerFactory.getLogger(PriceTable.class);

	static final String RESOURCE = "model-prices.tsv";

	private static final String PROPERTY_PREFIX = "cascade.pricing.models";

	/** Resolved names are remembered up to this many; past it, names are resolved on every call. */
	static final int MAX_CACHED_NAMES = 1000;

	/** Stands for "no price" in the cache, which cannot hold null. */
	private static final ModelPricing.Price UNKNOWN = new ModelPricing.Price(-1, -1, -1, -1);

	private final Map<String, ModelPricing.Price> exact;

	private final Map<String, ModelPricing.Price> prefixes;

	private final int longestPrefix;

	private final String source;

	private final int size;

	private final ConcurrentHashMap<String, ModelPricing.Price> resolved = new ConcurrentHashMap<>();

	/**
	 * Create a table of the bundled prices.
	 */
	public PriceTable() {
		this(Collections.emptyMap());
	}

	/**
	 * Create a table of the bundled prices and the given overrides.
	 * @param overrides prices by model name, as configured under {@code cascade.pricing.models}
	 * @throws InvalidPriceException if an override is negative, incomplete or prices a model twice
	 */
	public PriceTable(Map<String, PriceOverride> overrides) {
		Index index = Index.load();
		index.apply(overrides);
		this.exact = freeze(index.exact);
		this.prefixes = freeze(index.prefixes);
		this.longestPrefix = longestKey(this.prefixes);
		this.source = index.source;
		this.size = index.models.size();
		if (logger.isDebugEnabled()) {
			logger.debug("Cascade loaded prices of " + this.size + " models from " + this.source + " and "
					+ overrides.size() + " from " + PROPERTY_PREFIX);
		}
	}

	@Override
	public ModelPricing.@Nullable Price priceOf(String provider, String model) {
		ModelPricing.Price price = this.resolved.get(model);
		if (price == null) {
			price = resolve(model);
			if (this.resolved.size() < MAX_CACHED_NAMES && this.resolved.putIfAbsent(model, price) == null
					&& price == UNKNOWN) {
				// Once per name, not per call.
				logger.debug("Cascade has no price for model '" + model + "' (provider " + provider
						+ "); calls to it get no cost. Add one under " + PROPERTY_PREFIX + "[" + model + "]");
			}
		}
		return (price != UNKNOWN) ? price : null;
	}

	/**
	 * Where the bundled prices come from.
	 * @return the package and version the bundled table was generated from
	 */
	public String source() {
		return this.source;
	}

	/**
	 * How many models have a price.
	 * @return the number of bundled and added models
	 */
	public int size() {
		return this.size;
	}

	int cachedNames() {
		return this.resolved.size();
	}

	private ModelPricing.Price resolve(String model) {
		ModelPricing.Price price = find(this.exact, this.prefixes, this.longestPrefix, model);
		return (price != null) ? price : UNKNOWN;
	}

	/** For each candidate name in turn: an exact name, else the longest prefix. */
	private static <T> @Nullable T find(Map<String, T> exact, Map<String, T> prefixes, int longestPrefix,
			String model) {
		for (String candidate : ModelNames.candidates(model)) {
			T found = exact.get(candidate);
			if (found == null) {
				found = longestPrefix(prefixes, longestPrefix, candidate);
			}
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static <T> @Nullable T longestPrefix(Map<String, T> prefixes, int longest, String name) {
		for (int length = Math.min(longest, name.length()); length > 0; length--) {
			T match = prefixes.get(name.substring(0, length));
			if (match != null) {
				return match;
			}
		}
		return null;
	}

	private static int longestKey(Map<String, ?> map) {
		return map.keySet().stream().mapToInt(String::length).max().orElse(0);
	}

	private static Map<String, ModelPricing.Price> freeze(Map<String, Model> models) {
		Map<String, ModelPricing.Price> prices = new HashMap<>(models.size() * 2);
		models.forEach((name, model) -> prices.put(name, model.price));
		return Map.copyOf(prices);
	}

	/** One priced model while the table is built. */
	private static final class Model {

		private final String id;

		private ModelPricing.Price price;

		Model(String id, ModelPricing.Price price) {
			this.id = id;
			this.price = price;
		}

	}

	/** Names to models, while the table is built; frozen into plain name to price maps after. */
	private static final class Index {

		private final Map<String, Model> exact = new HashMap<>();

		private final Map<String, Model> prefixes = new HashMap<>();

		private final List<Model> models = new ArrayList<>();

		private String source = "an unknown source";

		static Index load() {
			Index index = new Index();
			InputStream stream = PriceTable.class.getResourceAsStream(RESOURCE);
			if (stream == null) {
				throw new IllegalStateException("Cascade's price table " + RESOURCE + " is missing from the classpath");
			}
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				int number = 0;
				while ((line = reader.readLine()) != null) {
					number++;
					index.read(line, number);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cascade could not read its price table " + RESOURCE, ex);
			}
			return index;
		}

		private void read(String line, int number) {
			if (line.startsWith("# source:")) {
				this.source = line.substring("# source:".length()).strip();
			}
			if (line.isBlank() || line.startsWith("#")) {
				return;
			}
			String[] cells = line.split("\t", -1);
			if (cells.length != 7) {
				throw new IllegalStateException(RESOURCE + " line " + number + " has " + cells.length
						+ " columns instead of 7: " + line);
			}
			try {
				double input = Double.parseDouble(cells[2]);
				double output = Double.parseDouble(cells[3]);
				// No cache price listed: cached tokens cost the input price, as in genai-prices.
				double cacheRead = cells[4].isEmpty() ? input : Double.parseDouble(cells[4]);
				double cacheWrite = cells[5].isEmpty() ? input : Double.parseDouble(cells[5]);
				Model model = new Model(cells[1], new ModelPricing.Price(input, output, cacheRead, cacheWrite));
				this.models.add(model);
				this.exact.putIfAbsent(ModelNames.normalize(cells[1]), model);
				for (String name : cells[6].split(",")) {
					String normalized = ModelNames.normalize(name);
					if (normalized.endsWith("*")) {
						this.prefixes.putIfAbsent(normalized.substring(0, normalized.length() - 1), model);
					}
					else if (!normalized.isEmpty()) {
						this.exact.putIfAbsent(normalized, model);
					}
				}
			}
			catch (NumberFormatException ex) {
				throw new IllegalStateException(RESOURCE + " line " + number + " has a malformed price: " + line, ex);
			}
		}

		void apply(Map<String, PriceOverride> overrides) {
			// Resolve every override against the bundled table alone, so the order of overrides does not matter.
			int longestPrefix = longestKey(this.prefixes);
			Map<Model, String> bundledOverrides = new IdentityHashMap<>();
			Map<String, Model> added = new HashMap<>();
			overrides.forEach((name, price) -> {
				validate(name, price);
				Model bundled = find(this.exact, this.prefixes, longestPrefix, name);
				if (bundled == null) {
					added.put(ModelNames.normalize(name), newModel(name, price));
					return;
				}
				String other = bundledOverrides.put(bundled, name);
				if (other != null) {
					throw new InvalidPriceException(property(name, null), name,
							"Both " + property(other, null) + " and " + property(name, null) + " price the model "
									+ bundled.id + "; keep one");
				}
				bundled.price = merge(price, bundled.price);
			});
			added.forEach((name, model) -> {
				this.models.add(model);
				this.exact.put(name, model);
			});
		}

		private static Model newModel(String name, PriceOverride price) {
			if (price.input() == null || price.output() == null) {
				String missing = (price.input() == null) ? "input" : "output";
				throw new InvalidPriceException(property(name, missing), null,
						"Cascade has no bundled price for model '" + name + "', so both " + property(name, "input")
								+ " and " + property(name, "output") + " must be set");
			}
			double input = price.input();
			ModelPricing.Price model = new ModelPricing.Price(input, price.output(),
					(price.cacheRead() != null) ? price.cacheRead() : input,
					(price.cacheWrite() != null) ? price.cacheWrite() : input);
			return new Model(name, model);
		}

		private static ModelPricing.Price merge(PriceOverride price, ModelPricing.Price bundled) {
			return new ModelPricing.Price((price.input() != null) ? price.input() : bundled.input(),
					(price.output() != null) ? price.output() : bundled.output(),
					(price.cacheRead() != null) ? price.cacheRead() : bundled.cacheRead(),
					(price.cacheWrite() != null) ? price.cacheWrite() : bundled.cacheWrite());
		}

		private static void validate(String name, PriceOverride price) {
			validate(name, "input", price.input());
			validate(name, "output", price.output());
			validate(name, "cache-read", price.cacheRead());
			validate(name, "cache-write", price.cacheWrite());
		}

		private static void validate(String name, String field, @Nullable Double value) {
			if (value != null && !(value >= 0 && value < Double.POSITIVE_INFINITY)) {
				throw new InvalidPriceException(property(name, field), value,
						"Prices are in USD per million tokens and must not be negative");
			}
		}

		private static String property(String name, @Nullable String field) {
			return PROPERTY_PREFIX + "[" + name + "]" + ((field != null) ? "." + field : "");
		}

	}

}
