package com.runcascade.tracing.springai;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

import com.runcascade.tracing.llm.LlmMessage;
import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmUsage;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link SpringAiConversions}. */
class SpringAiConversionsTests {

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
		assertThat(request.messages()).containsExactly(new LlmMessage("system", "Be brief."),
				new LlmMessage("user", "Weather?"),
				new LlmMessage("assistant", "[tool_call currentWeather] {\"city\":\"Oslo\"}"),
				new LlmMessage("tool", "[tool_result currentWeather] cold"));
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
		LlmUsage usage = SpringAiConversions.usage(new DefaultUsage(10, 5, 15, null, 30L, 4L), false);
		assertThat(usage).isEqualTo(new LlmUsage(10L, 5L, 30L, 4L, false));
	}

}
