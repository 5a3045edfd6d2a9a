package com.runcascade.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the OpenAI Chat Completions protocol, driven by the official OpenAI Java SDK.
 *
 * @author Cascade
 */
class OpenAiChatCompletionsTests {

	private LlmEmulator emulator;

	private OpenAIClient client;

	@BeforeEach
	void start() {
		this.emulator = LlmEmulator.start();
		this.client = OpenAIOkHttpClient.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
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
		this.emulator.enqueue(ScriptedReply.text("Hello from the emulator").withUsage(40, 6).withCacheUsage(32, 0));
		ChatCompletion completion = this.client.chat().completions().create(params("Hi"));
		assertThat(completion.id()).startsWith("chatcmpl-");
		assertThat(completion.model()).isEqualTo("gpt-4o-mini");
		assertThat(completion.choices()).hasSize(1);
		ChatCompletion.Choice choice = completion.choices().get(0);
		assertThat(choice.message().content()).contains("Hello from the emulator");
		assertThat(choice.message().refusal()).isEmpty();
		assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
		CompletionUsage usage = completion.usage().orElseThrow();
		assertThat(usage.promptTokens()).isEqualTo(40);
		assertThat(usage.completionTokens()).isEqualTo(6);
		assertThat(usage.totalTokens()).isEqualTo(46);
		assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(32L);
		assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens()).contains(0L);
	}

	@Test
	void createReturnsToolCalls() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}")
			.andToolCall("get_time", "{\"zone\":\"CET\"}"));
		ChatCompletion completion = this.client.chat().completions().create(params("Weather and time in Paris?"));
		ChatCompletion.Choice choice = completion.choices().get(0);
		assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
		assertThat(choice.message().content()).isEmpty();
		List<ChatCompletionMessageFunctionToolCall> calls = choice.message()
			.toolCalls()
			.orElseThrow()
			.stream()
			.map((call) -> call.asFunction())
			.toList();
		assertThat(calls).extracting((call) -> call.function().name()).containsExactly("get_weather", "get_time");
		assertThat(calls.get(0).id()).startsWith("call_");
		assertThat(calls.get(0).function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
	}

	@Test
	void createWithoutUsageOmitsIt() {
		this.emulator.enqueue(ScriptedReply.text("No usage").withoutUsage().withMaxTokensReached());
		ChatCompletion completion = this.client.chat().completions().create(params("Hi"));
		assertThat(completion.usage()).isEmpty();
		assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
	}

	@Test
	void createStreamingWithIncludeUsageEndsWithUsageChunk() {
		this.emulator.enqueue(ScriptedReply.text("One two three").withUsage(11, 3).withCacheUsage(4, 0));
		ChatCompletionCreateParams params = params("Count").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
			.build();
		List<ChatCompletionChunk> chunks;
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat().completions().createStreaming(params)) {
			chunks = stream.stream().toList();
		}
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.id()).isEqualTo(chunks.get(0).id()));
		assertThat(chunks.get(0).choices().get(0).delta().role()).isPresent();
		String text = chunks.stream()
			.flatMap((chunk) -> chunk.choices().stream())
			.flatMap((choice) -> choice.delta().content().stream())
			.collect(Collectors.joining());
		assertThat(text).isEqualTo("One two three");
		ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
		assertThat(finish.choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP);
		assertThat(finish.usage()).isEmpty();
		ChatCompletionChunk last = chunks.get(chunks.size() - 1);
		assertThat(last.choices()).isEmpty();
		CompletionUsage usage = last.usage().orElseThrow();
		assertThat(usage.promptTokens()).isEqualTo(11);
		assertThat(usage.completionTokens()).isEqualTo(3);
		assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(4L);
	}

	@Test
	void createStreamingWithoutIncludeUsageSendsNoUsage() {
		this.emulator.enqueue(ScriptedReply.text("No usage here"));
		List<ChatCompletionChunk> chunks;
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Hi"))) {
			chunks = stream.stream().toList();
		}
		assertThat(chunks).isNotEmpty().allSatisfy((chunk) -> {
			assertThat(chunk.usage()).isEmpty();
			assertThat(chunk.choices()).hasSize(1);
		});
		assertThat(RawSse.post(this.emulator.openAiBaseUrl() + "/chat/completions",
				"{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
			.noneMatch((line) -> line.contains("usage"))
			.endsWith("data: [DONE]", "");
	}

	@Test
	void streamedToolCallsAccumulateToTheSameCompletion() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\",\"days\":3}")
			.andToolCall("get_time", "{\"zone\":\"Europe/Paris\"}"));
		ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Weather?"))) {
			stream.stream().forEach(accumulator::accumulate);
		}
		ChatCompletion completion = accumulator.chatCompletion();
		assertThat(completion.choices().get(0).finishReason())
			.isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
		List<ChatCompletionMessageFunctionToolCall> calls = completion.choices()
			.get(0)
			.message()
			.toolCalls()
			.orElseThrow()
			.stream()
			.map((call) -> call.asFunction())
			.toList();
		assertThat(calls).extracting((call) -> call.function().arguments())
			.containsExactly("{\"city\":\"Paris\",\"days\":3}", "{\"zone\":\"Europe/Paris\"}");
	}

	@Test
	void chunksArriveAsTheyAreSent() {
		this.emulator.enqueue(ScriptedReply.text("a b c d e").withChunkDelay(Duration.ofMillis(150)));
		List<Long> arrivals = new ArrayList<>();
		long start = System.nanoTime();
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Hi"))) {
			stream.stream().forEach((chunk) -> arrivals.add((System.nanoTime() - start) / 1_000_000));
		}
		// Without buffering the first chunk lands well before the last one is sent.
		assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(600);
	}

	@Test
	void serverErrorRaisesInternalServerException() {
		this.emulator.enqueue(ScriptedReply.error(500, "boom"));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("Hi")))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("boom"))
			.satisfies((ex) -> assertThat(ex.type()).contains("server_error"));
	}

	@Test
	void rateLimitErrorRaisesRateLimitException() {
		this.emulator.enqueue(ScriptedReply.error(429, "rate limited"));
		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("Hi")))
			.satisfies((ex) -> assertThat(ex.code()).contains("rate_limit_exceeded"));
	}

	@Test
	void cutOffStreamRaisesInTheClient() {
		this.emulator.enqueue(ScriptedReply.text("This stream will never finish").cutOffAfterEvents(2));
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Hi"))) {
			assertThatExceptionOfType(OpenAIIoException.class).isThrownBy(() -> stream.stream().toList());
		}
	}

	@Test
	void cutOffJsonRaisesInTheClient() {
		this.emulator.enqueue(ScriptedReply.text("Never whole").cutOffAfterEvents(0));
		// The SDK reports a body cut short as data it could not read.
		assertThatExceptionOfType(OpenAIInvalidDataException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("Hi")));
		assertThat(this.emulator.requests()).hasSize(1);
	}

	@Test
	void recordedRequestCarriesBodyAndAuthorization() {
		this.client.chat().completions().create(params("Hello there"));
		RecordedRequest request = this.emulator.lastRequest();
		assertThat(request.path()).isEqualTo("/v1/chat/completions");
		assertThat(request.header("authorization")).isEqualTo("Bearer sk-test");
		assertThat(request.json().path("model").asText()).isEqualTo("gpt-4o-mini");
		assertThat(request.json().path("messages").get(0).path("content").asText()).isEqualTo("Hello there");
	}

	@Test
	void defaultChatbotCallsOfferedToolThenAnswersWithItsResult() {
		ChatCompletionCreateParams first = params("What's the weather in Paris?").toBuilder()
			.addFunctionTool(FunctionDefinition.builder()
				.name("get_weather")
				.parameters(FunctionParameters.builder()
					.putAdditionalProperty("type", JsonValue.from("object"))
					.putAdditionalProperty("properties",
							JsonValue.from(Map.of("city", Map.of("type", "string"), "unit",
									Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
					.putAdditionalProperty("required", JsonValue.from(List.of("city", "unit")))
					.build())
				.build())
			.build();
		ChatCompletion toolTurn = this.client.chat().completions().create(first);
		ChatCompletionMessageFunctionToolCall call = toolTurn.choices()
			.get(0)
			.message()
			.toolCalls()
			.orElseThrow()
			.get(0)
			.asFunction();
		assertThat(call.function().name()).isEqualTo("get_weather");
		assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\",\"unit\":\"celsius\"}");
		ChatCompletionCreateParams second = first.toBuilder()
			.addMessage(toolTurn.choices().get(0).message())
			.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18°C").build())
			.build();
		ChatCompletion answer = this.client.chat().completions().create(second);
		assertThat(answer.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
		assertThat(answer.choices().get(0).message().content().orElseThrow()).contains("get_weather")
			.contains("18°C");
	}

	private static ChatCompletionCreateParams params(String userMessage) {
		return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(userMessage).build();
	}

}
