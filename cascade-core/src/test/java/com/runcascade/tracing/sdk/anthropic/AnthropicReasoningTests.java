package com.runcascade.tracing.sdk.anthropic;

import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.opentelemetry.sdk.trace.data.SpanData;
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

/**
 * Tests that Anthropic thinking becomes {@code llm.reasoning}, apart from the completion, for a
 * real SDK client talking to the provider emulator.
 */
class AnthropicReasoningTests {

	private static final String SECRET = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx";

	private LlmEmulator emulator;

	private CoreTracing tracing;

	private AnthropicClient rawClient;

	private AnthropicClient client;

	@BeforeEach
	void setUp() {
		this.emulator = LlmEmulator.start();
		this.tracing = CoreTracing.start(TestPrices.PRICING);
		this.rawClient = AnthropicOkHttpClient.builder()
			.baseUrl(this.emulator.anthropicBaseUrl())
			.apiKey("sk-ant-test")
			.maxRetries(0)
			.build();
		this.client = AnthropicSdk.wrap(this.rawClient, this.tracing.llmTracing());
	}

	@AfterEach
	void tearDown() {
		this.rawClient.close();
		this.emulator.close();
		this.tracing.close();
	}

	@Test
	void thinkingBlockIsRecordedAsReasoningAndKeptOutOfTheCompletion() {
		this.emulator.enqueue(ScriptedReply.text("Paris.").withThinking("The capital of France is Paris."));
		Message message = this.client.messages().create(thinkingParams("Capital of France?"));
		assertThat(message.content()).hasSize(2);
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat(attributes).containsEntry("llm.reasoning", "The capital of France is Paris.")
			.containsEntry("llm.completion", "Paris.")
			.doesNotContainKey("llm.reasoning_tokens");
	}

	@Test
	void streamedThinkingDeltasAreAssembledIntoReasoning() {
		this.emulator.enqueue(ScriptedReply.text("Four.").withThinking("Two plus two makes four, surely."));
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages()
			.createStreaming(thinkingParams("2+2?"))) {
			stream.stream().forEach((event) -> {
			});
		}
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(attributes(span)).containsEntry("llm.reasoning", "Two plus two makes four, surely.")
			.containsEntry("llm.completion", "Four.")
			.containsEntry("llm.streaming", true);
	}

	@Test
	void requestWithThinkingEnabledGetsTheEmulatorsOwnThinking() {
		this.client.messages()
			.create(MessageCreateParams.builder()
				.model("claude-sonnet-4-5")
				.maxTokens(2048)
				.enabledThinking(1024)
				.addUserMessage("Why is the sky blue?")
				.build());
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat((String) attributes.get("llm.reasoning")).contains("Why is the sky blue?");
		assertThat((String) attributes.get("llm.completion")).doesNotContain("I will check what I know");
	}

	@Test
	void reasoningIsRedactedLikeEveryCapturedValue() {
		this.emulator.enqueue(ScriptedReply.text("Done.").withThinking("The key is " + SECRET));
		this.client.messages().create(thinkingParams("Use the key"));
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.reasoning", "The key is [REDACTED]");
	}

	@Test
	void reasoningIsNotRecordedWhenContentCaptureIsOff() {
		try (CoreTracing noContent = CoreTracing.start(TestPrices.PRICING, false, 16 * 1024)) {
			AnthropicClient quiet = AnthropicSdk.wrap(this.rawClient, noContent.llmTracing());
			this.emulator.enqueue(ScriptedReply.text("A").withThinking("private thoughts"),
					ScriptedReply.text("B").withThinking("private thoughts"));
			quiet.messages().create(thinkingParams("Hi"));
			try (StreamResponse<RawMessageStreamEvent> stream = quiet.messages().createStreaming(thinkingParams("Hi"))) {
				stream.stream().forEach((event) -> {
				});
			}
			assertThat(noContent.llmSpans()).hasSize(2)
				.allSatisfy((span) -> assertThat(attributes(span)).doesNotContainKeys("llm.reasoning", "llm.completion")
					.containsKey("llm.output_tokens"));
		}
	}

	private static MessageCreateParams thinkingParams(String userMessage) {
		return MessageCreateParams.builder()
			.model("claude-sonnet-4-5")
			.maxTokens(2048)
			.enabledThinking(1024)
			.addUserMessage(userMessage)
			.build();
	}

}
