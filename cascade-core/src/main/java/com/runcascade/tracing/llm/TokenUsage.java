package com.runcascade.tracing.llm;

import org.jspecify.annotations.Nullable;

/**
 * The tokens one LLM call used, exactly as the provider reported them; {@code null} where it
 * reported nothing. Part of the extension-point API: {@link ModelPricing.Price#cost(TokenUsage)}
 * prices it and {@link LlmMetrics#record} receives it.
 * @param inputTokens input (prompt) tokens as reported
 * @param outputTokens output (completion) tokens
 * @param cacheReadTokens input tokens read from the prompt cache
 * @param cacheCreationTokens input tokens written to the prompt cache
 * @param cacheIncludedInInput whether {@code inputTokens} already counts the cached tokens (OpenAI)
 * or not (Anthropic); cost must not charge them twice
 * @param reasoningTokens output tokens the model spent reasoning, where the provider reports them
 * apart ({@code completion_tokens_details.reasoning_tokens}, {@code output_tokens_details.reasoning_tokens});
 * every such provider already counts them in {@code outputTokens}, so they are never added to
 * the total or the cost again
 */
public record TokenUsage(@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable Long cacheReadTokens,
		@Nullable Long cacheCreationTokens, boolean cacheIncludedInInput, @Nullable Long reasoningTokens) {

	/**
	 * Usage without a reasoning token count.
	 * @param inputTokens input (prompt) tokens as reported
	 * @param outputTokens output (completion) tokens
	 * @param cacheReadTokens input tokens read from the prompt cache
	 * @param cacheCreationTokens input tokens written to the prompt cache
	 * @param cacheIncludedInInput whether {@code inputTokens} already counts the cached tokens
	 */
	public TokenUsage(@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable Long cacheReadTokens,
			@Nullable Long cacheCreationTokens, boolean cacheIncludedInInput) {
		this(inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, cacheIncludedInInput, null);
	}

	/**
	 * All tokens of the call: input and output, plus the cached input tokens when
	 * {@code inputTokens} does not already count them.
	 * @return the total, or {@code null} when neither input nor output was reported
	 */
	public @Nullable Long totalTokens() {
		if (this.inputTokens == null && this.outputTokens == null) {
			return null;
		}
		long total = ((this.inputTokens != null) ? this.inputTokens : 0)
				+ ((this.outputTokens != null) ? this.outputTokens : 0);
		if (!this.cacheIncludedInInput) {
			total += ((this.cacheReadTokens != null) ? this.cacheReadTokens : 0)
					+ ((this.cacheCreationTokens != null) ? this.cacheCreationTokens : 0);
		}
		return total;
	}

	/**
	 * Input tokens charged at the plain input price (cached ones are priced apart).
	 * @return uncached input tokens
	 */
	public long uncachedInputTokens() {
		long input = (this.inputTokens != null) ? this.inputTokens : 0;
		if (this.cacheIncludedInInput) {
			input -= (this.cacheReadTokens != null) ? this.cacheReadTokens : 0;
			input -= (this.cacheCreationTokens != null) ? this.cacheCreationTokens : 0;
		}
		return Math.max(input, 0);
	}

}
