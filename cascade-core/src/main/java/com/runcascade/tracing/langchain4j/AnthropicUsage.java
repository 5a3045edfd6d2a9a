package com.runcascade.tracing.langchain4j;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.TokenUsage;

/** Reads {@code langchain4j-anthropic}'s usage; loaded only when a response carries one. */
final class AnthropicUsage {

	private AnthropicUsage() {
	}

	static TokenUsage read(dev.langchain4j.model.output.TokenUsage usage, @Nullable Long input, @Nullable Long output) {
		AnthropicTokenUsage anthropic = (AnthropicTokenUsage) usage;
		// Anthropic reports cached input apart from input_tokens.
		return new TokenUsage(input, output, LangChain4jConversions.toLong(anthropic.cacheReadInputTokens()),
				LangChain4jConversions.toLong(anthropic.cacheCreationInputTokens()), false);
	}

}
