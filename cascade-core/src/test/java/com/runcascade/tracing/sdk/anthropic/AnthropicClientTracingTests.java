package com.runcascade.tracing.sdk.anthropic;

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

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StructuredMessageCreateParams;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
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
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.TestPrices;

import static com.runcascade.tracing.CoreTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the traced Anthropic clients, against the real SDK talking to the provider emulator and
 * a real OpenTelemetry SDK.
 */
class AnthropicClientTracingTests {

	private static final String API_KEY = "sk-ant-test-key-123";

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
			.apiKey(API_KEY)
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
	void createRecordsEveryAttributeOfTheLlmSpan() {
		this.emulator
			.enqueue(ScriptedReply.text("Bonjour! How can I help?").withUsage(42, 7).withCacheUsage(30, 5));
		Message message = this.client.messages().create(fullParams());
		assertThat(message.content().get(0).asText().text()).isEqualTo("Bonjour! How can I help?");
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getName()).isEqualTo("llm.claude-sonnet-4-5");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("cascade.span_type", "llm")
			.containsEntry("llm.model", "claude-sonnet-4-5")
			.containsEntry("llm.provider", "anthropic")
			.containsEntry("llm.streaming", false)
			.containsEntry("llm.system_message", "You are a terse assistant.")
			.containsEntry("llm.prompt", "Say hello in French.")
			.containsEntry("llm.completion", "Bonjour! How can I help?")
			.containsEntry("llm.max_tokens", 256L)
			.containsEntry("llm.temperature", 0.2)
			.containsEntry("llm.top_p", 0.9)
			.containsEntry("llm.input_tokens", 42L)
			.containsEntry("llm.output_tokens", 7L)
			.containsEntry("llm.total_tokens", 84L)
			.containsEntry("llm.usage_reported", true)
			.containsEntry("gen_ai.operation.name", "chat")
			.containsEntry("gen_ai.provider.name", "anthropic")
			.containsEntry("gen_ai.request.model", "claude-sonnet-4-5")
			.containsEntry("gen_ai.request.max_tokens", 256L)
			.containsEntry("gen_ai.request.temperature", 0.2)
			.containsEntry("gen_ai.request.top_p", 0.9)
			.containsEntry("gen_ai.response.model", "claude-sonnet-4-5")
			.containsEntry("gen_ai.response.id", message.id())
			.containsEntry("gen_ai.response.finish_reasons", List.of("end_turn"))
			.containsEntry("gen_ai.usage.input_tokens", 42L)
			.containsEntry("gen_ai.usage.output_tokens", 7L)
			.containsEntry("gen_ai.usage.cache_read.input_tokens", 30L)
			.containsEntry("gen_ai.usage.cache_creation.input_tokens", 5L)
			.doesNotContainKey("llm.time_to_first_token_ms")
			.doesNotContainKey("error.type");
		assertThat((String) attributes.get("llm.messages")).contains("\"role\":\"system\"")
			.contains("You are a terse assistant.")
			.contains("\"role\":\"user\"")
			.contains("Say hello in French.");
		assertThat((Double) attributes.get("llm.latency_ms")).isPositive();
		// 42 x $3 + 7 x $15 + 30 x $0.30 + 5 x $3.75 per million tokens
		assertThat((Double) attributes.get("llm.cost_usd")).isCloseTo(258.75 / 1_000_000, within(1e-12));
	}

	@Test
	void toolUseIsShownInTheCompletion() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}").withText("Let me check."));
		this.client.messages().create(params("What's the weather in Paris?"));
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat(attributes).containsEntry("llm.completion", "Let me check.\n[tool_use get_weather {\"city\":\"Paris\"}]")
			.containsEntry("gen_ai.response.finish_reasons", List.of("tool_use"));
	}

	@Test
	void conversationWithToolResultsIsRecordedReadably() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
		MessageCreateParams first = MessageCreateParams.builder()
			.model("claude-sonnet-4-5")
			.maxTokens(1024)
			.addTool(weatherTool())
			.addUserMessage("What's the weather in Paris?")
			.build();
		Message toolTurn = this.client.messages().create(first);
		String toolUseId = toolTurn.content().get(0).asToolUse().id();
		this.emulator.enqueue(ScriptedReply.text("It is 18°C and sunny in Paris."));
		this.client.messages()
			.create(first.toBuilder()
				.addMessage(toolTurn)
				.addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(
						ToolResultBlockParam.builder().toolUseId(toolUseId).content("18°C and sunny").build())))
				.build());
		List<SpanData> spans = this.tracing.llmSpans();
		assertThat(spans).hasSize(2);
		Map<String, Object> second = attributes(spans.get(1));
		assertThat((String) second.get("llm.messages")).contains("[tool_use get_weather {\\\"city\\\":\\\"Paris\\\"}]")
			.contains("\"role\":\"tool\"")
			.contains("[tool_result " + toolUseId + "] 18°C and sunny");
		assertThat(second).containsEntry("llm.prompt", "What's the weather in Paris?")
			.containsEntry("llm.completion", "It is 18°C and sunny in Paris.");
	}

	@Test
	void streamingEndsTheSpanWhenTheStreamIsExhaustedAndRecordsTheFirstToken() {
		this.emulator.enqueue(ScriptedReply.text("One two three").withUsage(12, 3).withCacheUsage(8, 2));
		List<RawMessageStreamEvent> events;
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages()
			.createStreaming(params("Count to three"))) {
			assertThat(this.tracing.llmSpans()).isEmpty();
			Iterator<RawMessageStreamEvent> iterator = stream.stream().iterator();
			events = new ArrayList<>();
			while (iterator.hasNext()) {
				assertThat(this.tracing.llmSpans()).isEmpty();
				events.add(iterator.next());
			}
			assertThat(this.tracing.llmSpans()).hasSize(1);
		}
		assertThat(events).hasSize(8);
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("llm.streaming", true)
			.containsEntry("llm.completion", "One two three")
			.containsEntry("llm.input_tokens", 12L)
			.containsEntry("llm.output_tokens", 3L)
			.containsEntry("llm.total_tokens", 25L)
			.containsEntry("gen_ai.usage.cache_read.input_tokens", 8L)
			.containsEntry("gen_ai.usage.cache_creation.input_tokens", 2L)
			.containsEntry("gen_ai.response.finish_reasons", List.of("end_turn"))
			.containsEntry("gen_ai.response.model", "claude-sonnet-4-5")
			.containsKey("gen_ai.response.id")
			.containsKey("llm.cost_usd")
			.doesNotContainKey("llm.stream_closed_early");
		double firstToken = (Double) attributes.get("llm.time_to_first_token_ms");
		assertThat(firstToken).isPositive().isLessThanOrEqualTo((Double) attributes.get("llm.latency_ms"));
	}

	@Test
	void streamedToolUseIsShownInTheCompletion() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}")
			.withText("Let me check."));
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages()
			.createStreaming(params("Weather in Paris?"))) {
			stream.stream().forEach((event) -> {
			});
		}
		assertThat(attributes(this.tracing.onlyLlmSpan()))
			.containsEntry("llm.completion", "Let me check.\n[tool_use get_weather {\"city\":\"Paris\",\"unit\":\"celsius\"}]")
			.containsEntry("gen_ai.response.finish_reasons", List.of("tool_use"));
	}

	@Test
	void streamClosedEarlyEndsTheSpanOnCloseAndNotBefore() {
		this.emulator.enqueue(ScriptedReply.text("one two three four five six seven eight nine ten")
			.withChunkDelay(Duration.ofMillis(20)));
		StreamResponse<RawMessageStreamEvent> stream = this.client.messages().createStreaming(params("Count"));
		Iterator<RawMessageStreamEvent> iterator = stream.stream().iterator();
		for (int i = 0; i < 4; i++) {
			iterator.next();
		}
		assertThat(this.tracing.llmSpans()).isEmpty();
		stream.close();
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("llm.stream_closed_early", true)
			.containsEntry("llm.completion", "one two ")
			.containsKey("llm.time_to_first_token_ms")
			.containsKey("llm.latency_ms");
	}

	@Test
	void streamCutOffMidwayFailsTheSpanWithThePartialResponse() {
		this.emulator.enqueue(ScriptedReply.text("This stream will never finish").cutOffAfterEvents(4));
		List<RawMessageStreamEvent> received = new ArrayList<>();
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages().createStreaming(params("Hi"))) {
			assertThatExceptionOfType(AnthropicIoException.class)
				.isThrownBy(() -> stream.stream().forEach(received::add));
		}
		// message_start, content_block_start, (ping, dropped by the SDK), one text delta
		assertThat(received).hasSize(3);
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("error.type", AnthropicIoException.class.getName())
			.containsEntry("llm.completion", "This ")
			.containsEntry("llm.input_tokens", (Long) received.get(0).asMessageStart().message().usage().inputTokens())
			.containsKey("llm.latency_ms")
			.doesNotContainKey("llm.stream_closed_early");
		assertThat(span.getEvents()).extracting(EventData::getName).contains("exception");
	}

	@Test
	void callerCodeFailingWhileReadingEndsTheSpanAsAnAbandonedStream() {
		this.emulator.enqueue(ScriptedReply.text("one two three four"));
		IllegalStateException callerError = new IllegalStateException("caller gave up");
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages().createStreaming(params("Hi"))) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> stream.stream().forEach((event) -> {
				if (event.isContentBlockDelta()) {
					throw callerError;
				}
			})).isSameAs(callerError);
			assertThat(this.tracing.llmSpans()).hasSize(1);
		}
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
		assertThat(attributes(span)).containsEntry("llm.stream_closed_early", true).doesNotContainKey("error.type");
	}

	@Test
	void tracingFailuresNeverReachTheCaller() {
		com.runcascade.tracing.llm.ModelPricing failing = (provider, model) -> {
			throw new IllegalStateException("price table broken");
		};
		try (CoreTracing brokenPrices = CoreTracing.start(failing)) {
			AnthropicClient client = AnthropicSdk.wrap(this.rawClient, brokenPrices.llmTracing());
			this.emulator.enqueue(ScriptedReply.text("Still answered"), ScriptedReply.text("Still streamed"));
			assertThat(client.messages().create(params("Hi")).content().get(0).asText().text())
				.isEqualTo("Still answered");
			try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params("Hi"))) {
				assertThat(stream.stream().count()).isPositive();
			}
		}
	}

	@Test
	void rateLimitErrorIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(429, "rate limited"));
		RateLimitException thrown = catchRateLimit(() -> this.client.messages().create(params("Hi")));
		assertThat(thrown.statusCode()).isEqualTo(429);
		SpanData span = this.tracing.onlyLlmSpan();
		assertError(span, RateLimitException.class);
		assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
			.isEqualTo(thrown.getMessage());
	}

	@Test
	void serverErrorIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(500, "boom"));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.client.messages().create(params("Hi")))
			.withMessageContaining("boom");
		assertError(this.tracing.onlyLlmSpan(), InternalServerException.class);
	}

	@Test
	void streamingRequestErrorIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(429, "slow down"));
		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> this.client.messages().createStreaming(params("Hi")).close());
		SpanData span = this.tracing.onlyLlmSpan();
		assertError(span, RateLimitException.class);
		assertThat(attributes(span)).containsEntry("llm.streaming", true);
	}

	@Test
	void asyncCreateEndsTheSpanBeforeTheCallerSeesTheResult() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Async hello").withUsage(10, 2));
		AnthropicClientAsync async = this.client.async();
		Message message = async.messages().create(params("Hi")).get(10, TimeUnit.SECONDS);
		assertThat(message.content().get(0).asText().text()).isEqualTo("Async hello");
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		assertThat(attributes(span)).containsEntry("llm.completion", "Async hello")
			.containsEntry("llm.input_tokens", 10L)
			.containsEntry("llm.output_tokens", 2L)
			.containsEntry("llm.streaming", false);
	}

	@Test
	void asyncCreateFailureIsRecordedAndReachesTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(429, "rate limited"));
		CompletableFuture<Message> future = this.client.async().messages().create(params("Hi"));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(future::join)
			.withCauseInstanceOf(RateLimitException.class);
		assertError(this.tracing.onlyLlmSpan(), RateLimitException.class);
	}

	@Test
	void asyncStreamingEndsTheSpanWhenTheStreamCompletes() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Streaming asynchronously").withUsage(9, 4));
		AsyncStreamResponse<RawMessageStreamEvent> stream = this.client.async()
			.messages()
			.createStreaming(params("Hi"));
		List<RawMessageStreamEvent> events = new CopyOnWriteArrayList<>();
		List<Boolean> endedBeforeOnComplete = new CopyOnWriteArrayList<>();
		stream.subscribe(new AsyncStreamResponse.Handler<>() {

			@Override
			public void onNext(RawMessageStreamEvent event) {
				events.add(event);
			}

			@Override
			public void onComplete(Optional<Throwable> error) {
				endedBeforeOnComplete.add(!AnthropicClientTracingTests.this.tracing.llmSpans().isEmpty());
			}

		});
		stream.onCompleteFuture().get(10, TimeUnit.SECONDS);
		assertThat(events).isNotEmpty();
		assertThat(endedBeforeOnComplete).containsExactly(true);
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		assertThat(attributes(span)).containsEntry("llm.streaming", true)
			.containsEntry("llm.completion", "Streaming asynchronously")
			.containsEntry("llm.input_tokens", 9L)
			.containsEntry("llm.output_tokens", 4L)
			.containsKey("llm.time_to_first_token_ms");
	}

	@Test
	void asyncStreamingRequestErrorIsRecordedWithoutSubscriber() {
		this.emulator.enqueue(ScriptedReply.error(500, "boom"));
		AsyncStreamResponse<RawMessageStreamEvent> stream = this.client.async()
			.messages()
			.createStreaming(params("Hi"));
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> stream.onCompleteFuture().get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(InternalServerException.class);
		assertError(this.tracing.awaitLlmSpan(), InternalServerException.class);
	}

	@Test
	void asyncStreamCutOffMidwayFailsTheSpan() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("This stream will never finish").cutOffAfterEvents(4));
		AsyncStreamResponse<RawMessageStreamEvent> stream = this.client.async()
			.messages()
			.createStreaming(params("Hi"));
		List<Optional<Throwable>> completions = new CopyOnWriteArrayList<>();
		stream.subscribe(new AsyncStreamResponse.Handler<>() {

			@Override
			public void onNext(RawMessageStreamEvent event) {
			}

			@Override
			public void onComplete(Optional<Throwable> error) {
				completions.add(error);
			}

		});
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> stream.onCompleteFuture().get(10, TimeUnit.SECONDS));
		assertThat(completions).hasSize(1);
		assertThat(completions.get(0)).containsInstanceOf(AnthropicIoException.class);
		SpanData span = this.tracing.awaitLlmSpan();
		assertError(span, AnthropicIoException.class);
		assertThat(attributes(span)).containsEntry("llm.completion", "This ");
	}

	@Test
	void spanIsAChildOfTheCurrentAgent() {
		this.emulator.enqueue(ScriptedReply.text("Planned."));
		try (CascadeScope run = this.tracing.tracer().traceRun("Orchestrator")) {
			try (CascadeScope agent = this.tracing.tracer().traceAgent("PlannerAgent")) {
				this.client.messages().create(params("Plan my day"));
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
		this.emulator.enqueue(ScriptedReply.text("Inner"));
		LlmCall outer = this.tracing.llmTracing()
			.start(new LlmRequest("spring-ai", "claude-sonnet-4-5", List.of(), null, null, null, false));
		try (Scope scope = outer.makeCurrent()) {
			this.client.messages().create(params("Hi"));
		}
		assertThat(this.tracing.llmSpans()).isEmpty();
		outer.end(new com.runcascade.tracing.llm.LlmResponse(null, null, List.of(), "Inner", null));
		assertThat(this.tracing.onlyLlmSpan().getAttributes().get(AttributeKey.stringKey("llm.provider")))
			.isEqualTo("spring-ai");
	}

	@Test
	void noApiKeyIsRecordedInAnyAttribute() {
		this.emulator.enqueue(ScriptedReply.text("Hi"), ScriptedReply.text("Hello"));
		this.client.messages().create(params("Hi"));
		try (StreamResponse<RawMessageStreamEvent> stream = this.client.messages().createStreaming(params("Hi"))) {
			stream.stream().forEach((event) -> {
			});
		}
		assertThat(this.tracing.llmSpans()).hasSize(2);
		for (SpanData span : this.tracing.spans()) {
			assertThat(span.getAttributes().asMap()).allSatisfy((key, value) -> {
				assertThat(String.valueOf(value)).doesNotContain(API_KEY);
				assertThat(key.getKey()).doesNotContainIgnoringCase("api_key").doesNotContainIgnoringCase("authorization");
			});
		}
		assertThat(this.emulator.lastRequest().header("X-API-KEY")).isEqualTo(API_KEY);
	}

	@Test
	void unknownModelHasNoCost() {
		this.emulator.enqueue(ScriptedReply.text("Hi"));
		this.client.messages()
			.create(MessageCreateParams.builder().model("claude-unknown-1").maxTokens(64).addUserMessage("Hi").build());
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getName()).isEqualTo("llm.claude-unknown-1");
		assertThat(attributes(span)).containsKey("llm.input_tokens").doesNotContainKey("llm.cost_usd");
	}

	@Test
	void contentIsNotRecordedWhenCaptureIsOff() {
		try (CoreTracing noContent = CoreTracing.start(TestPrices.PRICING, false, 16 * 1024)) {
			AnthropicClient quiet = AnthropicSdk.wrap(this.rawClient, noContent.llmTracing());
			this.emulator.enqueue(ScriptedReply.text("Secret answer"), ScriptedReply.text("Secret stream"));
			quiet.messages().create(fullParams());
			try (StreamResponse<RawMessageStreamEvent> stream = quiet.messages().createStreaming(fullParams())) {
				stream.stream().forEach((event) -> {
				});
			}
			assertThat(noContent.llmSpans()).hasSize(2).allSatisfy((span) -> assertThat(attributes(span))
				.doesNotContainKeys("llm.prompt", "llm.system_message", "llm.messages", "llm.completion")
				.containsKey("llm.input_tokens"));
		}
	}

	@Test
	void derivedClientsAndOverloadsAreTraced() {
		this.emulator.enqueue(ScriptedReply.text("one"), ScriptedReply.text("two"), ScriptedReply.text("three"));
		AnthropicClient withOptions = this.client.withOptions((options) -> options.maxRetries(1));
		assertThat(AnthropicSdk.CLIENTS.isTraced(withOptions)).isTrue();
		withOptions.messages().create(params("Hi"));
		this.client.messages()
			.create(params("Hi"), com.anthropic.core.RequestOptions.builder().timeout(Duration.ofSeconds(30)).build());
		this.client.messages().withOptions((options) -> options.maxRetries(0)).create(params("Hi"));
		assertThat(this.tracing.llmSpans()).hasSize(3)
			.extracting((span) -> attributes(span).get("llm.completion"))
			.containsExactly("one", "two", "three");
		assertThat(AnthropicSdk.CLIENTS.isTraced(this.client.async().sync())).isTrue();
	}

	@Test
	void structuredOutputCallsAreTraced() {
		this.emulator.enqueue(ScriptedReply.text("{\"city\":\"Paris\",\"celsius\":18}"));
		// Built directly: the SDK's schema generation needs another jsonschema-generator than this build has.
		var structured = new StructuredMessageCreateParams<>(Weather.class, params("Weather in Paris as JSON"));
		var message = this.client.messages().create(structured);
		assertThat(message.rawMessage().id()).isNotBlank();
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion",
				"{\"city\":\"Paris\",\"celsius\":18}");
	}

	@Test
	void untracedMethodsPassThroughToTheSdkClient() {
		assertThat(this.client.models()).isSameAs(this.rawClient.models());
		assertThat(this.client.beta()).isSameAs(this.rawClient.beta());
		assertThat(this.client.withRawResponse()).isSameAs(this.rawClient.withRawResponse());
		assertThat(this.client.messages().batches()).isSameAs(this.rawClient.messages().batches());
		assertThat(this.client.messages()).isSameAs(this.client.messages());
		assertThat(this.client.toString()).isEqualTo(this.rawClient.toString());
		assertThat(AnthropicSdk.wrap(this.client, this.tracing.llmTracing())).isSameAs(this.client);
		assertThat(this.tracing.spans()).isEmpty();
	}

	private SpanData spanNamed(String name) {
		return this.tracing.spans().stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	private static void assertError(SpanData span, Class<? extends Throwable> type) {
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("error.type", type.getName()).containsKey("llm.latency_ms");
		assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
		assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
			.isEqualTo(type.getName());
	}

	private static RateLimitException catchRateLimit(Runnable call) {
		try {
			call.run();
		}
		catch (RateLimitException ex) {
			return ex;
		}
		throw new AssertionError("Expected a RateLimitException");
	}

	static MessageCreateParams params(String userMessage) {
		return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(1024).addUserMessage(userMessage).build();
	}

	private static MessageCreateParams fullParams() {
		return MessageCreateParams.builder()
			.model("claude-sonnet-4-5")
			.maxTokens(256)
			.temperature(0.2)
			.topP(0.9)
			.system("You are a terse assistant.")
			.addUserMessage("Say hello in French.")
			.build();
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

	/** A structured output type. */
	static class Weather {

		public String city;

		public int celsius;

	}

}
