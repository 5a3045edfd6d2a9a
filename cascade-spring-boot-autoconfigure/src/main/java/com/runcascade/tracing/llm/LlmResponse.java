package com.runcascade.tracing.llm;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an integration learned from a model response (or a stream, once it ended).
 * @param responseModel model the provider says answered
 * @param responseId provider's response id
 * @param finishReasons finish (stop) reasons, one per choice
 * @param completion completion text; tool-use requests included in a readable form
 * @param usage token usage, or {@code null} when the provider sent none
 * @param reasoning the model's reasoning (thinking blocks, {@code reasoning_content}, reasoning
 * summaries), kept apart from the completion; {@code null} when it showed none
 */
public record LlmResponse(@Nullable String responseModel, @Nullable String responseId, List<String> finishReasons,
		@Nullable String completion, @Nullable Usage usage, @Nullable String reasoning) {

	/**
	 * A response without reasoning.
	 * @param responseModel model the provider says answered
	 * @param responseId provider's response id
	 * @param finishReasons finish (stop) reasons, one per choice
	 * @param completion completion text
	 * @param usage token usage, or {@code null}
	 */
	public LlmResponse(@Nullable String responseModel, @Nullable String responseId, List<String> finishReasons,
			@Nullable String completion, @Nullable Usage usage) {
		this(responseModel, responseId, finishReasons, completion, usage, null);
	}

	/**
	 * Token counts exactly as the provider reported them; {@code null} where it reported nothing.
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
	public record Usage(@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable Long cacheReadTokens,
			@Nullable Long cacheCreationTokens, boolean cacheIncludedInInput, @Nullable Long reasoningTokens) {

		/**
		 * Usage without a reasoning token count.
		 * @param inputTokens input (prompt) tokens as reported
		 * @param outputTokens output (completion) tokens
		 * @param cacheReadTokens input tokens read from the prompt cache
		 * @param cacheCreationTokens input tokens written to the prompt cache
		 * @param cacheIncludedInInput whether {@code inputTokens} already counts the cached tokens
		 */
		public Usage(@Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable Long cacheReadTokens,
				@Nullable Long cacheCreationTokens, boolean cacheIncludedInInput) {
			this(inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens, cacheIncludedInInput, null);
		}

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
		long uncachedInputTokens() {
			long input = (this.inputTokens != null) ? this.inputTokens : 0;
			if (this.cacheIncludedInInput) {
				input -= (this.cacheReadTokens != null) ? this.cacheReadTokens : 0;
				input -= (this.cacheCreationTokens != null) ? this.cacheCreationTokens : 0;
			}
			return Math.max(input, 0);
		}

	}

}
