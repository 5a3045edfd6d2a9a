package com.runcascade.tracing.sdk.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CoreTracing;
import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.TestPrices;

import static com.runcascade.tracing.CoreTracing.assertError;
import static com.runcascade.tracing.CoreTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for traced OpenAI Chat Completions calls, against the real SDK talking to the provider
 * emulator and a real OpenTelemetry SDK.
 */
class OpenAiChatCompletionsTracingTests {

	private static final String API_KEY = "sk-openai-test-key-456";

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
			.apiKey(API_KEY)
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
	void createRecordsEveryAttributeOfTheLlmSpan() {
		this.emulator.enqueue(ScriptedReply.text("Bonjour!").withUsage(50, 10).withCacheUsage(20, 0));
		ChatCompletion completion = this.client.chat().completions().create(fullParams());
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getName()).isEqualTo("llm.gpt-4o-mini");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("cascade.span_type", "llm")
			.containsEntry("llm.model", "gpt-4o-mini")
			// The emulator is reached through its loopback address: the host is the provider.
			.containsEntry("llm.provider", "127.0.0.1")
			.containsEntry("gen_ai.provider.name", "127.0.0.1")
			.containsEntry("llm.streaming", false)
			.containsEntry("llm.system_message", "You are a terse assistant.")
			.containsEntry("llm.prompt", "Say hello in French.")
			.containsEntry("llm.completion", "Bonjour!")
			.containsEntry("llm.max_tokens", 128L)
			.containsEntry("llm.temperature", 0.3)
			.containsEntry("llm.top_p", 0.8)
			.containsEntry("llm.input_tokens", 50L)
			.containsEntry("llm.output_tokens", 10L)
			// OpenAI counts cached tokens inside the prompt tokens.
			.containsEntry("llm.total_tokens", 60L)
			.containsEntry("llm.usage_reported", true)
			.containsEntry("gen_ai.operation.name", "chat")
			.containsEntry("gen_ai.request.model", "gpt-4o-mini")
			.containsEntry("gen_ai.request.max_tokens", 128L)
			.containsEntry("gen_ai.request.temperature", 0.3)
			.containsEntry("gen_ai.request.top_p", 0.8)
			.containsEntry("gen_ai.response.model", "gpt-4o-mini")
			.containsEntry("gen_ai.response.id", completion.id())
			.containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
			.containsEntry("gen_ai.usage.input_tokens", 50L)
			.containsEntry("gen_ai.usage.output_tokens", 10L)
			.containsEntry("gen_ai.usage.cache_read.input_tokens", 20L)
			.doesNotContainKey("llm.time_to_first_token_ms");
		assertThat((String) attributes.get("llm.messages")).contains("\"role\":\"system\"")
			.contains("\"role\":\"user\"")
			.contains("Say hello in French.");
		assertThat((Double) attributes.get("llm.latency_ms")).isPositive();
		// (50 - 20) x $0.15 + 10 x $0.60 + 20 x $0.075 per million tokens
		assertThat((Double) attributes.get("llm.cost_usd")).isCloseTo(12.0 / 1_000_000, within(1e-12));
	}

	@Test
	void toolCallsAreShownInTheCompletion() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
		this.client.chat().completions().create(params("Weather in Paris?"));
		assertThat(attributes(this.tracing.onlyLlmSpan()))
			.containsEntry("llm.completion", "[tool_use get_weather {\"city\":\"Paris\"}]")
			.containsEntry("gen_ai.response.finish_reasons", List.of("tool_calls"));
	}

	@Test
	void conversationWithToolResultsIsRecordedReadably() {
		ChatCompletionCreateParams first = params("What's the weather in Paris?").toBuilder()
			.addFunctionTool(FunctionDefinition.builder()
				.name("get_weather")
				.parameters(FunctionParameters.builder()
					.putAdditionalProperty("type", JsonValue.from("object"))
					.putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
					.putAdditionalProperty("required", JsonValue.from(List.of("city")))
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
		this.client.chat()
			.completions()
			.create(first.toBuilder()
				.addMessage(toolTurn.choices().get(0).message())
				.addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18°C").build())
				.build());
		List<SpanData> spans = this.tracing.llmSpans();
		assertThat(spans).hasSize(2);
		Map<String, Object> second = attributes(spans.get(1));
		assertThat((String) second.get("llm.messages")).contains("\"role\":\"assistant\"")
			.contains("[tool_use get_weather {\\\"city\\\":\\\"Paris\\\"}]")
			.contains("\"role\":\"tool\"")
			.contains("[tool_result " + call.id() + "] 18°C");
		assertThat((String) second.get("llm.completion")).contains("18°C");
	}

	@Test
	void streamingEndsTheSpanWhenTheStreamIsExhaustedAndRecordsUsageWhenRequested() {
		this.emulator.enqueue(ScriptedReply.text("One two three").withUsage(12, 3).withCacheUsage(4, 0));
		ChatCompletionCreateParams params = params("Count to three").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
			.build();
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat().completions().createStreaming(params)) {
			Iterator<ChatCompletionChunk> iterator = stream.stream().iterator();
			while (iterator.hasNext()) {
				assertThat(this.tracing.llmSpans()).isEmpty();
				chunks.add(iterator.next());
			}
			assertThat(this.tracing.llmSpans()).hasSize(1);
		}
		assertThat(chunks).isNotEmpty();
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("llm.streaming", true)
			.containsEntry("llm.completion", "One two three")
			.containsEntry("llm.input_tokens", 12L)
			.containsEntry("llm.output_tokens", 3L)
			.containsEntry("llm.total_tokens", 15L)
			.containsEntry("gen_ai.usage.cache_read.input_tokens", 4L)
			.containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
			.containsEntry("gen_ai.response.id", chunks.get(0).id())
			.containsEntry("gen_ai.response.model", "gpt-4o-mini")
			.containsKey("llm.cost_usd")
			.doesNotContainKey("llm.stream_closed_early");
		assertThat((Double) attributes.get("llm.time_to_first_token_ms")).isPositive()
			.isLessThanOrEqualTo((Double) attributes.get("llm.latency_ms"));
	}

	@Test
	void streamingWithoutRequestedUsageRecordsThatNoUsageWasReported() {
		this.emulator.enqueue(ScriptedReply.text("No usage here"));
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Hi"))) {
			stream.stream().forEach((chunk) -> {
			});
		}
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat(attributes).containsEntry("llm.usage_reported", false)
			.containsEntry("llm.completion", "No usage here")
			.doesNotContainKeys("llm.input_tokens", "llm.output_tokens", "llm.total_tokens", "llm.cost_usd");
	}

	@Test
	void streamedToolCallsAreShownInTheCompletion() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}")
			.andToolCall("get_time", "{\"zone\":\"CET\"}"));
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Weather?"))) {
			stream.stream().forEach((chunk) -> {
			});
		}
		assertThat(attributes(this.tracing.onlyLlmSpan()))
			.containsEntry("llm.completion",
					"[tool_use get_weather {\"city\":\"Paris\"}]\n[tool_use get_time {\"zone\":\"CET\"}]")
			.containsEntry("gen_ai.response.finish_reasons", List.of("tool_calls"));
	}

	@Test
	void streamClosedEarlyEndsTheSpanOnCloseAndNotBefore() {
		this.emulator.enqueue(ScriptedReply.text("one two three four five six seven eight")
			.withChunkDelay(Duration.ofMillis(20)));
		StreamResponse<ChatCompletionChunk> stream = this.client.chat().completions().createStreaming(params("Count"));
		Iterator<ChatCompletionChunk> iterator = stream.stream().iterator();
		for (int i = 0; i < 3; i++) {
			iterator.next();
		}
		assertThat(this.tracing.llmSpans()).isEmpty();
		stream.close();
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		assertThat(attributes(span)).containsEntry("llm.stream_closed_early", true)
			.containsKey("llm.time_to_first_token_ms")
			.hasEntrySatisfying("llm.completion", (completion) -> assertThat((String) completion).startsWith("one"));
	}

	@Test
	void streamCutOffMidwayFailsTheSpanWithThePartialResponse() {
		this.emulator.enqueue(ScriptedReply.text("This stream will never finish").cutOffAfterEvents(3));
		List<ChatCompletionChunk> received = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Hi"))) {
			assertThatExceptionOfType(OpenAIIoException.class)
				.isThrownBy(() -> stream.stream().forEach(received::add));
		}
		assertThat(received).isNotEmpty();
		SpanData span = this.tracing.onlyLlmSpan();
		assertError(span, OpenAIIoException.class);
		assertThat(attributes(span)).containsEntry("llm.usage_reported", false)
			.hasEntrySatisfying("llm.completion", (completion) -> assertThat((String) completion).startsWith("This")
				.isNotEqualTo("This stream will never finish"))
			.doesNotContainKey("llm.stream_closed_early");
	}

	@Test
	void rateLimitErrorIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(429, "rate limited"));
		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("Hi")))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(429))
			.withMessageContaining("rate limited");
		assertError(this.tracing.onlyLlmSpan(), RateLimitException.class);
	}

	@Test
	void serverErrorIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(500, "boom"));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.client.chat().completions().create(params("Hi")))
			.withMessageContaining("boom");
		assertError(this.tracing.onlyLlmSpan(), InternalServerException.class);
	}

	@Test
	void streamingRequestErrorIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(500, "boom"));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.client.chat().completions().createStreaming(params("Hi")).close());
		SpanData span = this.tracing.onlyLlmSpan();
		assertError(span, InternalServerException.class);
		assertThat(attributes(span)).containsEntry("llm.streaming", true);
	}

	@Test
	void asyncCreateEndsTheSpanBeforeTheCallerSeesTheResult() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Async hello").withUsage(10, 2));
		ChatCompletion completion = this.client.async()
			.chat()
			.completions()
			.create(params("Hi"))
			.get(10, TimeUnit.SECONDS);
		assertThat(completion.choices().get(0).message().content()).contains("Async hello");
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion", "Async hello")
			.containsEntry("llm.input_tokens", 10L)
			.containsEntry("llm.streaming", false);
	}

	@Test
	void asyncCreateFailureIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(429, "rate limited"));
		CompletableFuture<ChatCompletion> future = this.client.async().chat().completions().create(params("Hi"));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(future::join)
			.withCauseInstanceOf(RateLimitException.class);
		assertError(this.tracing.onlyLlmSpan(), RateLimitException.class);
	}

	@Test
	void asyncStreamingEndsTheSpanWhenTheStreamCompletes() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Streaming asynchronously").withUsage(9, 4));
		ChatCompletionCreateParams params = params("Hi").toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
			.build();
		AsyncStreamResponse<ChatCompletionChunk> stream = this.client.async()
			.chat()
			.completions()
			.createStreaming(params);
		List<ChatCompletionChunk> chunks = new CopyOnWriteArrayList<>();
		List<Optional<Throwable>> completions = new CopyOnWriteArrayList<>();
		stream.subscribe(new AsyncStreamResponse.Handler<>() {

			@Override
			public void onNext(ChatCompletionChunk chunk) {
				chunks.add(chunk);
			}

			@Override
			public void onComplete(Optional<Throwable> error) {
				completions.add(error);
			}

		});
		stream.onCompleteFuture().get(10, TimeUnit.SECONDS);
		assertThat(chunks).isNotEmpty();
		assertThat(completions).containsExactly(Optional.empty());
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		assertThat(attributes(span)).containsEntry("llm.streaming", true)
			.containsEntry("llm.completion", "Streaming asynchronously")
			.containsEntry("llm.input_tokens", 9L)
			.containsEntry("llm.output_tokens", 4L)
			.containsKey("llm.time_to_first_token_ms");
	}

	@Test
	void asyncStreamClosedBeforeSubscribingEndsTheSpan() {
		this.emulator.enqueue(ScriptedReply.text("Never read"));
		AsyncStreamResponse<ChatCompletionChunk> stream = this.client.async()
			.chat()
			.completions()
			.createStreaming(params("Hi"));
		stream.close();
		SpanData span = this.tracing.awaitLlmSpan();
		assertThat(attributes(span)).containsEntry("llm.stream_closed_early", true);
	}

	@Test
	void spanIsAChildOfTheCurrentAgent() {
		this.emulator.enqueue(ScriptedReply.text("Planned."));
		try (CascadeScope run = this.tracing.tracer().traceRun("Orchestrator")) {
			try (CascadeScope agent = this.tracing.tracer().traceAgent("PlannerAgent")) {
				this.client.chat().completions().create(params("Plan my day"));
			}
		}
		SpanData llm = this.tracing.onlyLlmSpan();
		SpanData agent = spanNamed("PlannerAgent");
		SpanData run = spanNamed("Orchestrator");
		assertThat(llm.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(llm.getTraceId()).isEqualTo(run.getTraceId());
		assertThat(attributes(llm)).containsEntry("cascade.agent_name", "PlannerAgent");
	}

	@Test
	void callInsideAnActiveLlmCallIsRecordedOnce() {
		this.emulator.enqueue(ScriptedReply.text("Inner"), ScriptedReply.text("Inner stream"));
		LlmCall outer = this.tracing.llmTracing()
			.start(new LlmRequest("spring-ai", "gpt-4o-mini", List.of(), null, null, null, false));
		try (Scope scope = outer.makeCurrent()) {
			this.client.chat().completions().create(params("Hi"));
			try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
				.completions()
				.createStreaming(params("Hi"))) {
				stream.stream().forEach((chunk) -> {
				});
			}
		}
		assertThat(this.tracing.llmSpans()).isEmpty();
		outer.end(new LlmResponse(null, null, List.of(), "Inner", null));
		assertThat(this.tracing.onlyLlmSpan().getAttributes().get(AttributeKey.stringKey("llm.provider")))
			.isEqualTo("spring-ai");
	}

	@Test
	void noApiKeyIsRecordedInAnyAttribute() {
		this.emulator.enqueue(ScriptedReply.text("Hi"), ScriptedReply.text("Hello"));
		this.client.chat().completions().create(params("Hi"));
		try (StreamResponse<ChatCompletionChunk> stream = this.client.chat()
			.completions()
			.createStreaming(params("Hi"))) {
			stream.stream().forEach((chunk) -> {
			});
		}
		assertThat(this.tracing.llmSpans()).hasSize(2);
		for (SpanData span : this.tracing.spans()) {
			assertThat(span.getAttributes().asMap()).allSatisfy((key, value) -> {
				assertThat(String.valueOf(value)).doesNotContain(API_KEY).doesNotContain("Bearer");
				assertThat(key.getKey()).doesNotContainIgnoringCase("api_key").doesNotContainIgnoringCase("authorization");
			});
		}
		assertThat(this.emulator.lastRequest().header("authorization")).isEqualTo("Bearer " + API_KEY);
	}

	@Test
	void unknownModelHasNoCost() {
		this.emulator.enqueue(ScriptedReply.text("Hi"));
		this.client.chat()
			.completions()
			.create(ChatCompletionCreateParams.builder().model("my-local-model").addUserMessage("Hi").build());
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getName()).isEqualTo("llm.my-local-model");
		assertThat(attributes(span)).containsKey("llm.input_tokens").doesNotContainKey("llm.cost_usd");
	}

	@Test
	void structuredOutputCallsAreTraced() {
		this.emulator.enqueue(ScriptedReply.text("{\"city\":\"Paris\",\"celsius\":18}"));
		// Built directly: the SDK's schema generation needs another jsonschema-generator than this build has.
		var structured = new StructuredChatCompletionCreateParams<>(Weather.class, params("Weather as JSON"));
		var completion = this.client.chat().completions().create(structured);
		assertThat(completion.rawChatCompletion().id()).isNotBlank();
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion",
				"{\"city\":\"Paris\",\"celsius\":18}");
	}

	@Test
	void derivedClientsAndServicesAreTraced() {
		this.emulator.enqueue(ScriptedReply.text("one"), ScriptedReply.text("two"), ScriptedReply.text("three"));
		OpenAIClient withOptions = this.client.withOptions((options) -> options.maxRetries(1));
		assertThat(OpenAiSdk.CLIENTS.isTraced(withOptions)).isTrue();
		withOptions.chat().completions().create(params("Hi"));
		this.client.chat()
			.completions()
			.create(params("Hi"), com.openai.core.RequestOptions.builder().timeout(Duration.ofSeconds(30)).build());
		this.client.chat().withOptions((options) -> options.maxRetries(0)).completions().create(params("Hi"));
		assertThat(this.tracing.llmSpans()).hasSize(3)
			.extracting((span) -> attributes(span).get("llm.completion"))
			.containsExactly("one", "two", "three");
		assertThat(OpenAiSdk.CLIENTS.isTraced(this.client.async().sync())).isTrue();
	}

	@Test
	void untracedMethodsPassThroughToTheSdkClient() {
		assertThat(this.client.models()).isSameAs(this.rawClient.models());
		assertThat(this.client.embeddings()).isSameAs(this.rawClient.embeddings());
		assertThat(this.client.withRawResponse()).isSameAs(this.rawClient.withRawResponse());
		assertThat(this.client.chat().completions().messages())
			.isSameAs(this.rawClient.chat().completions().messages());
		assertThat(this.client.chat()).isSameAs(this.client.chat());
		assertThat(this.client.chat().completions()).isSameAs(this.client.chat().completions());
		assertThat(OpenAiSdk.wrap(this.client, this.tracing.llmTracing())).isSameAs(this.client);
		assertThat(this.tracing.spans()).isEmpty();
	}

	private SpanData spanNamed(String name) {
		return this.tracing.spans().stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	static ChatCompletionCreateParams params(String userMessage) {
		return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(userMessage).build();
	}

	private static ChatCompletionCreateParams fullParams() {
		return ChatCompletionCreateParams.builder()
			.model("gpt-4o-mini")
			.maxCompletionTokens(128)
			.temperature(0.3)
			.topP(0.8)
			.addSystemMessage("You are a terse assistant.")
			.addUserMessage("Say hello in French.")
			.build();
	}

	/** A structured output type. */
	static class Weather {

		public String city;

		public int celsius;

	}

}
