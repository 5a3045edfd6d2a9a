package com.runcascade.tracing.sdk.openai;

import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.Reasoning;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import com.runcascade.tracing.CoreTracing;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.TestPrices;

import static com.runcascade.tracing.CoreTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests that OpenAI-compatible {@code reasoning_content}, Responses API reasoning summaries and
 * reasoning token counts reach the LLM span, for a real SDK client talking to the provider
 * emulator.
 */
class OpenAiReasoningTests {

	private static final String THINKING = "Fifty per cent of ten is five.";

	private LlmEmulator emulator;

	private CoreTracing tracing;

	private OpenAIClient rawClient;

	private OpenAIClient client;

	@BeforeEach
	void setUp() {
		this.emulator = LlmEmulator.start();
		this.tracing = CoreTracing.start(TestPrices.PRICING);
		this.rawClient = OpenAIOkHttpClient.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-openai-test")
			.maxRetries(0)
			.build();
		this.client = OpenAiSdk.wrap(this.rawClient, this.tracing.llmTracing());
	}

	@AfterEach
	void tearDown() {
		this.rawClient.close();
		this.emulator.close();
		this.tracing.close();
	}

	@Test
	void chatReasoningContentAndReasoningTokensAreRecordedApartFromTheCompletion() {
		this.emulator.enqueue(ScriptedReply.text("Five.").withThinking(THINKING).withUsage(50, 10));
		ChatCompletion completion = this.client.chat().completions().create(chat("gpt-4o-mini", "50% of 10?"));
		assertThat(completion.choices().get(0).message().content()).contains("Five.");
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat(attributes).containsEntry("llm.reasoning", THINKING)
			.containsEntry("llm.completion", "Five.")
			.containsEntry("llm.output_tokens", 10L)
			.containsEntry("llm.reasoning_tokens", 7L)
			.containsEntry("gen_ai.usage.reasoning.output_tokens", 7L)
			.containsEntry("llm.total_tokens", 60L);
		// Reasoning tokens are part of the 10 output tokens: charged once, at the output price.
		assertThat((Double) attributes.get("llm.cost_usd")).isCloseTo((50 * 0.15 + 10 * 0.6) / 1_000_000.0,
				within(1e-12));
	}

	@Test
	void streamedReasoningContentIsAssembled() {
		this.emulator.enqueue(ScriptedReply.text("Five.").withThinking(THINKING));
		ChatCompletionCreateParams params = chat("gpt-4o-mini", "50% of 10?").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
			.build();
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat().completions().createStreaming(params)) {
			stream.stream().forEach((chunk) -> {
			});
		}
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat(attributes).containsEntry("llm.reasoning", THINKING)
			.containsEntry("llm.completion", "Five.")
			.containsEntry("llm.reasoning_tokens", 7L);
	}

	@Test
	void reasonerModelGetsReasoningWithoutScripting() {
		this.client.chat().completions().create(chat("deepseek-reasoner", "Is water wet?"));
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat((String) attributes.get("llm.reasoning")).contains("Is water wet?");
		assertThat((Long) attributes.get("llm.reasoning_tokens")).isPositive();
	}

	@Test
	void modelWithoutReasoningReportsZeroReasoningTokensAndNoReasoning() {
		this.emulator.enqueue(ScriptedReply.text("Hi."));
		this.client.chat().completions().create(chat("gpt-4o-mini", "Hello"));
		assertThat(attributes(this.tracing.onlyLlmSpan())).doesNotContainKey("llm.reasoning")
			.containsEntry("llm.reasoning_tokens", 0L);
	}

	@Test
	void responsesReasoningSummaryIsRecordedApartFromTheOutput() {
		this.emulator.enqueue(ScriptedReply.text("Five.").withThinking(THINKING).withUsage(40, 12));
		Response response = this.client.responses().create(responses("50% of 10?"));
		assertThat(response.output()).hasSize(2);
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat(attributes).containsEntry("llm.reasoning", THINKING)
			.containsEntry("llm.completion", "Five.")
			.containsEntry("llm.reasoning_tokens", 7L)
			.containsEntry("gen_ai.usage.reasoning.output_tokens", 7L);
		assertThat((Double) attributes.get("llm.cost_usd")).isCloseTo((40 * 2.0 + 12 * 8.0) / 1_000_000.0,
				within(1e-12));
	}

	@Test
	void streamedResponsesReasoningSummaryIsRecorded() {
		this.emulator.enqueue(ScriptedReply.text("Five.").withThinking(THINKING));
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses()
			.createStreaming(responses("50% of 10?"))) {
			stream.stream().forEach((event) -> {
			});
		}
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.reasoning", THINKING)
			.containsEntry("llm.completion", "Five.");
	}

	@Test
	void streamCutShortKeepsTheReasoningReceived() {
		// Events: created, in_progress, item added, summary part added, then three summary deltas.
		this.emulator.enqueue(ScriptedReply.text("Five.").withThinking(THINKING).cutOffAfterEvents(7));
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses()
			.createStreaming(responses("50% of 10?"))) {
			stream.stream().forEach((event) -> {
			});
		}
		catch (RuntimeException expected) {
			// The connection dropped mid-stream.
		}
		assertThat((String) attributes(this.tracing.onlyLlmSpan()).get("llm.reasoning")).isEqualTo("Fifty per cent ");
	}

	@Test
	void reasoningIsNotRecordedWhenContentCaptureIsOff() {
		try (CoreTracing noContent = CoreTracing.start(TestPrices.PRICING, false, 16 * 1024)) {
			OpenAIClient quiet = OpenAiSdk.wrap(this.rawClient, noContent.llmTracing());
			this.emulator.enqueue(ScriptedReply.text("A").withThinking(THINKING),
					ScriptedReply.text("B").withThinking(THINKING));
			quiet.chat().completions().create(chat("gpt-4o-mini", "Hi"));
			quiet.responses().create(responses("Hi"));
			assertThat(noContent.llmSpans()).hasSize(2)
				.allSatisfy((span) -> assertThat(attributes(span)).doesNotContainKeys("llm.reasoning", "llm.completion")
					.containsKey("llm.reasoning_tokens"));
		}
	}

	private static ChatCompletionCreateParams chat(String model, String message) {
		return ChatCompletionCreateParams.builder().model(model).addUserMessage(message).build();
	}

	private static ResponseCreateParams responses(String input) {
		return ResponseCreateParams.builder()
			.model("gpt-4.1")
			.input(input)
			.reasoning(Reasoning.builder().summary(Reasoning.Summary.AUTO).build())
			.build();
	}

}
