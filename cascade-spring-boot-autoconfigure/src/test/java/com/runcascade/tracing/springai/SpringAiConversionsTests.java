package com.runcascade.tracing.springai;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link SpringAiConversions}. */
class SpringAiConversionsTests {

	@Test
	void redactedThinkingShowsAsAMarkerAndAPlainDataKeyIsNoThinking() {
		Generation redacted = new Generation(AssistantMessage.builder().properties(Map.of("data", "EncryptedBlob")).build());
		Generation answer = new Generation(
				AssistantMessage.builder().content("Forty-two").properties(Map.of("data", "provider detail")).build());
		LlmResponse response = SpringAiConversions.response(new ChatResponse(List.of(redacted, answer)), false, true);
		assertThat(response.reasoning()).isEqualTo("[redacted_thinking]");
		assertThat(response.completion()).isEqualTo("Forty-two");
	}

	@Test
	void aggregatedStreamResponseIsReadAsTextWithoutReasoning() {
		Generation merged = new Generation(AssistantMessage.builder()
			.content("thinking then answer")
			.properties(Map.of("thinking", Boolean.TRUE, "signature", "sig"))
			.build());
		LlmResponse response = SpringAiConversions.response(new ChatResponse(List.of(merged)), false, true, true);
		assertThat(response.reasoning()).isNull();
		assertThat(response.completion()).isEqualTo("thinking then answer");
	}

	@Test
	void onlyAnthropicReportsCachedTokensApartFromInput() {
		assertThat(SpringAiConversions.cacheIncludedInInput("anthropic")).isFalse();
		assertThat(SpringAiConversions.cacheIncludedInInput("openai")).isTrue();
	}

	@Test
	void requestCarriesModelLimitsAndEveryMessageRole() {
		AssistantMessage toolUse = AssistantMessage.builder()
			.content("")
			.toolCalls(List.of(new AssistantMessage.ToolCall("1", "function", "currentWeather", "{\"city\":\"Oslo\"}")))
			.build();
		ToolResponseMessage toolResult = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse("1", "currentWeather", "cold")))
			.build();
		Prompt prompt = new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Weather?"), toolUse,
				toolResult), ChatOptions.builder().model("m-1").maxTokens(100).temperature(0.5).topP(0.9).build());
		LlmRequest request = SpringAiConversions.request(prompt, "openai", true, true);
		assertThat(request.model()).isEqualTo("m-1");
		assertThat(request.maxTokens()).isEqualTo(100);
		assertThat(request.temperature()).isEqualTo(0.5);
		assertThat(request.topP()).isEqualTo(0.9);
		assertThat(request.streaming()).isTrue();
		assertThat(request.messages()).containsExactly(new LlmRequest.Message("system", "Be brief."),
				new LlmRequest.Message("user", "Weather?"),
				new LlmRequest.Message("assistant", "[tool_use currentWeather {\"city\":\"Oslo\"}]"),
				new LlmRequest.Message("tool", "[tool_result 1] cold"));
	}

	@Test
	void requestCarriesNoMessagesWhenContentIsNotCaptured() {
		assertThat(SpringAiConversions.request(new Prompt("secret"), "openai", false, false).messages()).isEmpty();
	}

	@Test
	void modelIsUnknownWhenNoneIsSet() {
		assertThat(SpringAiConversions.request(new Prompt("Hi"), "openai", false, true).model()).isEqualTo("unknown");
	}

	@Test
	void missingOrAllZeroUsageIsNoUsage() {
		assertThat(SpringAiConversions.usage(null, true)).isNull();
		assertThat(SpringAiConversions.usage(new EmptyUsage(), true)).isNull();
		assertThat(SpringAiConversions.usage(new DefaultUsage(0, 0, 0), true)).isNull();
	}

	@Test
	void usageKeepsCacheCountsAsReported() {
		TokenUsage usage = SpringAiConversions.usage(SpringAiTestLine.usageWithCache(10, 5, 30L, 4L), false);
		assertThat(usage).isEqualTo(new TokenUsage(10L, 5L, 30L, 4L, false));
	}

}
