package com.runcascade.tracing.langchain4j;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.TokenUsage;

/** Reads {@code langchain4j-open-ai}'s usage; loaded only when a response carries one. */
final class OpenAiUsage {

	private OpenAiUsage() {
	}

	static TokenUsage read(dev.langchain4j.model.output.TokenUsage usage, @Nullable Long input, @Nullable Long output) {
		OpenAiTokenUsage openAi = (OpenAiTokenUsage) usage;
		Long cached = (openAi.inputTokensDetails() != null)
				? LangChain4jConversions.toLong(openAi.inputTokensDetails().cachedTokens()) : null;
		Long reasoning = (openAi.outputTokensDetails() != null)
				? LangChain4jConversions.toLong(openAi.outputTokensDetails().reasoningTokens()) : null;
		return new TokenUsage(input, output, cached, null, true, reasoning);
	}

}
