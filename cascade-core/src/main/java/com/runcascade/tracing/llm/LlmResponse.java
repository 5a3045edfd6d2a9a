package com.runcascade.tracing.llm;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an integration learned from a model response (or a stream, once it ended). Internal: shared
 * by the SDK and Spring AI integrations; the extension points see only its {@link TokenUsage}.
 * @param responseModel model the provider says answered
 * @param responseId provider's response id
 * @param finishReasons finish (stop) reasons, one per choice
 * @param completion completion text; tool-use requests included in a readable form
 * @param usage token usage, or {@code null} when the provider sent none
 * @param reasoning the model's reasoning (thinking blocks, {@code reasoning_content}, reasoning
 * summaries), kept apart from the completion; {@code null} when it showed none
 */
public record LlmResponse(@Nullable String responseModel, @Nullable String responseId, List<String> finishReasons,
		@Nullable String completion, @Nullable TokenUsage usage, @Nullable String reasoning) {

	/**
	 * A response without reasoning.
	 * @param responseModel model the provider says answered
	 * @param responseId provider's response id
	 * @param finishReasons finish (stop) reasons, one per choice
	 * @param completion completion text
	 * @param usage token usage, or {@code null}
	 */
	public LlmResponse(@Nullable String responseModel, @Nullable String responseId, List<String> finishReasons,
			@Nullable String completion, @Nullable TokenUsage usage) {
		this(responseModel, responseId, finishReasons, completion, usage, null);
	}

}
