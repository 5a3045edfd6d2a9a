package com.runcascade.emulator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the Anthropic Messages protocol, driven by the official Anthropic Java SDK.
 *
 * @author Cascade
 */
class AnthropicMessagesTests {

	private LlmEmulator emulator;

	private AnthropicClient client;

	@BeforeEach
	void start() {
		this.emulator = LlmEmulator.start();
		// Strict validation fails on any field the SDK requires and the emulator left out.
		this.client = AnthropicOkHttpClient.builder()
			.baseUrl(this.emulator.anthropicBaseUrl())
			.apiKey("sk-ant-test")
			.maxRetries(0)
			.responseValidation(true)
			.build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void createReturnsScriptedTextWithUsage() {
		this.emulator.enqueue(ScriptedReply.text("Hello from the emulator").withUsage(42, 7).withCacheUsage(30, 5));
		Message message = this.client.messages().create(params("Hi there"));
		assertThat(message.id()).startsWith("msg_");
		assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-5");
		assertThat(message.content()).hasSize(1);
		assertThat(message.content().get(0).asText().text()).isEqualTo("Hello from the emulator");
		assertThat(message.stopReason()).contains(StopReason.END_TURN);
		assertThat(message.stopSequence()).isEmpty();
		assertThat(message.usage().inputTokens()).isEqualTo(42);
		assertThat(message.usage().outputTokens()).isEqualTo(7);
		assertThat(message.usage().cacheReadInputTokens()).contains(30L);
		assertThat(message.usage().cacheCreationInputTokens()).contains(5L);
	}

	@Test
	void createReturnsToolUse() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
		Message message = this.client.messages().create(params("Weather in Paris?"));
		assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
		ToolUseBlock toolUse = message.content().get(0).asToolUse();
		assertThat(toolUse.id()).startsWith("toolu_");
		assertThat(toolUse.name()).isEqualTo("get_weather");
		assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
	}

	@Test
	void defaultUsageIsDerivedFromTextLength() {
		this.emulator.enqueue(ScriptedReply.text("x".repeat(40)));
		Message message = this.client.messages().create(params("y".repeat(80)));
		// 80 characters of content and 4 of role ("user"), over 4.
		assertThat(message.usage().inputTokens()).isEqualTo(21);
		assertThat(message.usage().outputTokens()).isEqualTo(10);
		assertThat(message.usage().cacheReadInputTokens()).contains(0L);
	}

	@Test
	void createReportsMaxTokensAndScriptedModel() {
		this.emulator.enqueue(ScriptedReply.text("Cut").withMaxTokensReached().withModel("claude-other"));
		Message message = this.client.messages().create(params("Long story please"));
		assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
		assertThat(message.model().asString()).isEqualTo("claude-other");
	}

	@Test
	void createStreamingSendsTheRealEventSequence() {
		this.emulator.enqueue(ScriptedReply.text("One two three").withUsage(12, 3).withCacheUsage(8, 2));
		List<RawMessageStreamEvent> events;
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages()
			.createStreaming(params("Count to three"))) {
			events = stream.stream().toList();
		}
		assertThat(events).extracting(AnthropicMessagesTests::type)
			.containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_delta",
					"content_block_delta", "content_block_stop", "message_delta", "message_stop");
		Message start = events.get(0).asMessageStart().message();
		assertThat(start.usage().inputTokens()).isEqualTo(12);
		assertThat(start.usage().cacheReadInputTokens()).contains(8L);
		assertThat(start.usage().cacheCreationInputTokens()).contains(2L);
		assertThat(start.usage().outputTokens()).isEqualTo(1);
		assertThat(events.get(6).asMessageDelta().usage().outputTokens()).isEqualTo(3);
		assertThat(events.get(6).asMessageDelta().delta().stopReason()).contains(StopReason.END_TURN);
		String text = events.stream()
			.flatMap((event) -> event.contentBlockDelta().stream())
			.map((delta) -> delta.delta().asText().text())
			.collect(Collectors.joining());
		assertThat(text).isEqualTo("One two three");
	}

	@Test
	void createStreamingSendsPingAfterFirstBlockStart() {
		this.emulator.enqueue(ScriptedReply.text("Hi"));
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages().createStreaming(params("Hi"))) {
			stream.stream().forEach((event) -> {
			});
		}
		// The SDK drops pings, so read them off the wire.
		this.emulator.enqueue(ScriptedReply.text("Hi"));
		assertThat(RawSse.post(this.emulator.baseUrl() + "/v1/messages", """
				{"model": "m", "max_tokens": 10, "stream": true, "messages": [{"role": "user", "content": "Hi"}]}"""))
			.containsSubsequence("event: message_start", "event: content_block_start", "event: ping",
					"event: content_block_delta");
	}

	@Test
	void streamedToolUseAccumulatesToTheSameMessage() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")
			.withText("Let me check."));
		MessageAccumulator accumulator = MessageAccumulator.create();
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages()
			.createStreaming(params("Weather in Paris?"))) {
			stream.stream().forEach(accumulator::accumulate);
		}
		Message message = accumulator.message();
		assertThat(message.content()).hasSize(2);
		assertThat(message.content().get(0).asText().text()).isEqualTo("Let me check.");
		ToolUseBlock toolUse = message.content().get(1).asToolUse();
		assertThat(toolUse.name()).isEqualTo("get_weather");
		assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris", "unit", "celsius"));
		assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
	}

	@Test
	void rateLimitErrorRaisesRateLimitException() {
		this.emulator.enqueue(ScriptedReply.error(429, "rate limited"));
		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> this.client.messages().create(params("Hi")))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(429))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("rate_limit_error").contains("rate limited"));
	}

	@Test
	void serverErrorRaisesInternalServerException() {
		this.emulator.enqueue(ScriptedReply.error(500, "boom"));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.client.messages().create(params("Hi")))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("api_error").contains("boom"));
	}

	@Test
	void cutOffStreamRaisesInTheClient() {
		this.emulator.enqueue(ScriptedReply.text("This stream will never finish").cutOffAfterEvents(3));
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages().createStreaming(params("Hi"))) {
			assertThatExceptionOfType(AnthropicIoException.class).isThrownBy(() -> stream.stream().toList());
		}
		// The server keeps serving after the cut.
		assertThat(this.client.messages().create(params("Still there?")).content()).isNotEmpty();
	}

	@Test
	void recordedRequestCarriesBodyAndApiKey() {
		this.client.messages().create(params("Hello there"));
		RecordedRequest request = this.emulator.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/messages");
		assertThat(request.header("X-API-KEY")).isEqualTo("sk-ant-test");
		assertThat(request.headers().get("anthropic-version")).isNotEmpty();
		assertThat(request.json().path("messages").get(0).path("content").asText()).isEqualTo("Hello there");
		assertThat(request.body()).contains("\"max_tokens\":1024");
	}

	@Test
	void defaultChatbotCallsOfferedToolThenAnswersWithItsResult() {
		MessageCreateParams first = MessageCreateParams.builder()
			.model("claude-sonnet-4-5")
			.maxTokens(1024)
			.addTool(weatherTool())
			.addUserMessage("What's the weather in Paris?")
			.build();
		Message toolTurn = this.client.messages().create(first);
		ToolUseBlock toolUse = toolTurn.content().get(0).asToolUse();
		assertThat(toolUse.name()).isEqualTo("get_weather");
		assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
		MessageCreateParams second = first.toBuilder()
			.addMessage(toolTurn)
			.addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(
					ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("18°C and sunny").build())))
			.build();
		Message answer = this.client.messages().create(second);
		assertThat(answer.stopReason()).contains(StopReason.END_TURN);
		assertThat(answer.content().get(0).asText().text()).contains("get_weather").contains("18°C and sunny");
	}

	private static Tool weatherTool() {
		return Tool.builder()
			.name("get_weather")
			.description("Current weather in a city")
			.inputSchema(Tool.InputSchema.builder()
				.properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
				.required(List.of("city"))
				.build())
			.build();
	}

	private static MessageCreateParams params(String userMessage) {
		return MessageCreateParams.builder()
			.model("claude-sonnet-4-5")
			.maxTokens(1024)
			.addUserMessage(userMessage)
			.build();
	}

	private static String type(RawMessageStreamEvent event) {
		if (event.isMessageStart()) {
			return "message_start";
		}
		if (event.isContentBlockStart()) {
			return "content_block_start";
		}
		if (event.isContentBlockDelta()) {
			return "content_block_delta";
		}
		if (event.isContentBlockStop()) {
			return "content_block_stop";
		}
		return event.isMessageDelta() ? "message_delta" : "message_stop";
	}

}
