package com.runcascade.emulator;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thinking replies, read by the official SDKs with strict response validation.
 *
 * @author Cascade
 */
class ThinkingTests {

	private static final String THINKING = "First the facts, then the answer.";

	private LlmEmulator emulator;

	private AnthropicClient anthropic;

	private OpenAIClient openAi;

	@BeforeEach
	void start() {
		this.emulator = LlmEmulator.start();
		this.anthropic = AnthropicOkHttpClient.builder()
			.baseUrl(this.emulator.anthropicBaseUrl())
			.apiKey("sk-ant-test")
			.maxRetries(0)
			.responseValidation(true)
			.build();
		this.openAi = OpenAIOkHttpClient.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.maxRetries(0)
			.responseValidation(true)
			.build();
	}

	@AfterEach
	void stop() {
		this.anthropic.close();
		this.openAi.close();
		this.emulator.close();
	}

	@Test
	void anthropicReplyStartsWithASignedThinkingBlockCountedInTheOutputTokens() {
		this.emulator.enqueue(ScriptedReply.text("Answer.").withThinking(THINKING));
		Message message = this.anthropic.messages().create(anthropic("claude-sonnet-4-5", "Hi"));
		assertThat(message.content()).hasSize(2);
		assertThat(message.content().get(0).asThinking().thinking()).isEqualTo(THINKING);
		assertThat(message.content().get(0).asThinking().signature()).isNotEmpty();
		assertThat(message.content().get(1).asText().text()).isEqualTo("Answer.");
		// "Answer." is 1 token, the thinking 8.
		assertThat(message.usage().outputTokens()).isEqualTo(9);
	}

	@Test
	void anthropicStreamSendsThinkingDeltasAndASignature() {
		this.emulator.enqueue(ScriptedReply.text("Answer.").withThinking(THINKING));
		MessageAccumulator accumulator = MessageAccumulator.create();
		try (StreamResponse<RawMessageStreamEvent> stream = this.anthropic.messages()
			.createStreaming(anthropic("claude-sonnet-4-5", "Hi"))) {
			stream.stream().forEach(accumulator::accumulate);
		}
		Message message = accumulator.message();
		assertThat(message.content().get(0).asThinking().thinking()).isEqualTo(THINKING);
		assertThat(message.content().get(0).asThinking().signature()).isNotEmpty();
		assertThat(message.content().get(1).asText().text()).isEqualTo("Answer.");
	}

	@Test
	void anthropicRequestWithThinkingEnabledThinksUnscripted() {
		Message message = this.anthropic.messages()
			.create(MessageCreateParams.builder()
				.model("claude-sonnet-4-5")
				.maxTokens(2048)
				.enabledThinking(1024)
				.addUserMessage("Why is the sky blue?")
				.build());
		assertThat(message.content().get(0).asThinking().thinking()).contains("Why is the sky blue?");
	}

	@Test
	void modelWithoutThinkingDoesNotThink() {
		Message message = this.anthropic.messages().create(anthropic("claude-sonnet-4-5", "Hello"));
		assertThat(message.content()).noneMatch((block) -> block.isThinking());
	}

	@Test
	void reasonerChatCompletionCarriesReasoningContentAndReasoningTokens() {
		ChatCompletion completion = this.openAi.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model("deepseek-reasoner").addUserMessage("Hello").build());
		JsonValue reasoning = completion.choices().get(0).message()._additionalProperties().get("reasoning_content");
		assertThat(reasoning).isNotNull();
		assertThat(reasoning.toString()).contains("Hello");
		assertThat(completion.usage().get().completionTokensDetails().get().reasoningTokens()).hasValueSatisfying(
				(tokens) -> assertThat(tokens).isPositive());
	}

	@Test
	void streamedChatCompletionSendsReasoningContentDeltasBeforeTheText() {
		this.emulator.enqueue(ScriptedReply.text("Answer.").withThinking(THINKING));
		StringBuilder reasoning = new StringBuilder();
		StringBuilder text = new StringBuilder();
		try (var stream = this.openAi.chat()
			.completions()
			.createStreaming(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("Hi").build())) {
			stream.stream().forEach((ChatCompletionChunk chunk) -> chunk.choices().forEach((choice) -> {
				JsonValue part = choice.delta()._additionalProperties().get("reasoning_content");
				if (part != null) {
					assertThat(text).isEmpty();
					reasoning.append(part.asString().get());
				}
				choice.delta().content().ifPresent(text::append);
			}));
		}
		assertThat(reasoning).hasToString(THINKING);
		assertThat(text).hasToString("Answer.");
	}

	@Test
	void responsesReplyHasAReasoningItemWithASummary() {
		this.emulator.enqueue(ScriptedReply.text("Answer.").withThinking(THINKING));
		Response response = this.openAi.responses()
			.create(ResponseCreateParams.builder().model("gpt-4.1").input("Hi").build());
		assertThat(response.output().get(0).asReasoning().summary().get(0).text()).isEqualTo(THINKING);
		assertThat(response.output().get(1).asMessage().content().get(0).asOutputText().text()).isEqualTo("Answer.");
		assertThat(response.usage().get().outputTokensDetails().reasoningTokens()).isEqualTo(8);
	}

	@Test
	void streamedResponsesSummaryAccumulatesToTheSameResponse() {
		this.emulator.enqueue(ScriptedReply.text("Answer.").withThinking(THINKING));
		ResponseAccumulator accumulator = ResponseAccumulator.create();
		try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream = this.openAi.responses()
			.createStreaming(ResponseCreateParams.builder().model("gpt-4.1").input("Hi").build())) {
			stream.stream().forEach(accumulator::accumulate);
		}
		Response response = accumulator.response();
		assertThat(response.output().get(0).asReasoning().summary().get(0).text()).isEqualTo(THINKING);
	}

	private static MessageCreateParams anthropic(String model, String message) {
		return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage(message).build();
	}

}
