package com.runcascade.tracing.llm;

import org.jspecify.annotations.Nullable;

/**
 * A configured price for one model, in USD per million tokens; a field left {@code null} keeps the
 * bundled price (or, for a model with none, defaults as {@link PriceTable} says). Kept apart from
 * the bound properties so that pricing does not depend on the auto-configuration.
 * @param input price of uncached input tokens
 * @param output price of output tokens
 * @param cacheRead price of input tokens read from the prompt cache
 * @param cacheWrite price of input tokens written to the prompt cache
 */
public record PriceOverride(@Nullable Double input, @Nullable Double output, @Nullable Double cacheRead,
		@Nullable Double cacheWrite) {

}
