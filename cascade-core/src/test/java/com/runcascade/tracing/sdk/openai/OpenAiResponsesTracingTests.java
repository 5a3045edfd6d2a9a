package com.runcascade.tracing.sdk.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStreamEvent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import com.runcascade.tracing.CoreTracing;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.TestPrices;

import static com.runcascade.tracing.CoreTracing.assertError;
import static com.runcascade.tracing.CoreTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for traced OpenAI Responses API calls, against the real SDK talking to the provider emulator
 * and a real OpenTelemetry SDK.
 */
class OpenAiResponsesTracingTests {

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
			.apiKey("sk-test")
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
		this.emulator.enqueue(ScriptedReply.text("Bonjour!").withUsage(40, 8).withCacheUsage(16, 0));
		Response response = this.client.responses()
			.create(ResponseCreateParams.builder()
				.model("gpt-4.1")
				.instructions("You are a terse assistant.")
				.input("Say hello in French.")
				.maxOutputTokens(100)
				.temperature(0.5)
				.topP(0.7)
				.build());
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getName()).isEqualTo("llm.gpt-4.1");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("cascade.span_type", "llm")
			.containsEntry("llm.model", "gpt-4.1")
			.containsEntry("llm.provider", "127.0.0.1")
			.containsEntry("llm.streaming", false)
			.containsEntry("llm.system_message", "You are a terse assistant.")
			.containsEntry("llm.prompt", "Say hello in French.")
			.containsEntry("llm.completion", "Bonjour!")
			.containsEntry("llm.max_tokens", 100L)
			.containsEntry("llm.temperature", 0.5)
			.containsEntry("llm.top_p", 0.7)
			.containsEntry("llm.input_tokens", 40L)
			.containsEntry("llm.output_tokens", 8L)
			.containsEntry("llm.total_tokens", 48L)
			.containsEntry("gen_ai.request.max_tokens", 100L)
			.containsEntry("gen_ai.response.model", "gpt-4.1")
			.containsEntry("gen_ai.response.id", response.id())
			.containsEntry("gen_ai.response.finish_reasons", List.of("completed"))
			.containsEntry("gen_ai.usage.cache_read.input_tokens", 16L)
			.containsKey("llm.latency_ms");
		// (40 - 16) x $2 + 8 x $8 + 16 x $0.50 per million tokens
		assertThat((Double) attributes.get("llm.cost_usd")).isCloseTo(120.0 / 1_000_000, within(1e-12));
	}

	@Test
	void functionCallsAndToolResultsAreRecordedReadably() {
		this.emulator.enqueue(ScriptedReply.toolCall("find_order", "{\"orderId\":4711}"));
		Response toolTurn = this.client.responses().create(params("Please look up the order 4711"));
		ResponseFunctionToolCall call = toolTurn.output().get(0).asFunctionCall();
		this.emulator.enqueue(ScriptedReply.text("Your order shipped yesterday."));
		this.client.responses()
			.create(params("unused").toBuilder()
				.inputOfResponse(List.of(
						ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
							.role(EasyInputMessage.Role.USER)
							.content("Please look up the order 4711")
							.build()),
						ResponseInputItem.ofFunctionCall(call),
						ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
							.callId(call.callId())
							.output("shipped yesterday")
							.build())))
				.build());
		List<SpanData> spans = this.tracing.llmSpans();
		assertThat(spans).hasSize(2);
		assertThat(attributes(spans.get(0))).containsEntry("llm.completion", "[tool_use find_order {\"orderId\":4711}]");
		Map<String, Object> second = attributes(spans.get(1));
		assertThat(second).containsEntry("llm.prompt", "Please look up the order 4711")
			.containsEntry("llm.completion", "Your order shipped yesterday.");
		assertThat((String) second.get("llm.messages")).contains("[tool_use find_order {\\\"orderId\\\":4711}]")
			.contains("[tool_result " + call.callId() + "] shipped yesterday");
	}

	@Test
	void incompleteResponseRecordsItsReason() {
		this.emulator.enqueue(ScriptedReply.text("A long story that").withMaxTokensReached());
		this.client.responses().create(params("Long story"));
		assertThat(attributes(this.tracing.onlyLlmSpan()))
			.containsEntry("gen_ai.response.finish_reasons", List.of("max_output_tokens"));
	}

	@Test
	void streamingEndsTheSpanWhenTheStreamIsExhausted() {
		this.emulator.enqueue(ScriptedReply.text("One two three").withUsage(9, 3));
		List<ResponseStreamEvent> events = new ArrayList<>();
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params("Count"))) {
			Iterator<ResponseStreamEvent> iterator = stream.stream().iterator();
			while (iterator.hasNext()) {
				assertThat(this.tracing.llmSpans()).isEmpty();
				events.add(iterator.next());
			}
		}
		SpanData span = this.tracing.onlyLlmSpan();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		Map<String, Object> attributes = attributes(span);
		assertThat(attributes).containsEntry("llm.streaming", true)
			.containsEntry("llm.completion", "One two three")
			.containsEntry("llm.input_tokens", 9L)
			.containsEntry("llm.output_tokens", 3L)
			.containsEntry("gen_ai.response.finish_reasons", List.of("completed"))
			.containsEntry("gen_ai.response.id", events.get(0).asCreated().response().id())
			.containsKey("llm.time_to_first_token_ms")
			.containsKey("llm.cost_usd");
	}

	@Test
	void streamedFunctionCallIsShownInTheCompletion() {
		this.emulator.enqueue(ScriptedReply.toolCall("find_order", "{\"orderId\":4711}"));
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params("Order?"))) {
			stream.stream().forEach((event) -> {
			});
		}
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion",
				"[tool_use find_order {\"orderId\":4711}]");
	}

	@Test
	void streamCutOffMidwayFailsTheSpanWithThePartialResponse() {
		this.emulator.enqueue(ScriptedReply.text("This stream will never finish").cutOffAfterEvents(6));
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params("Hi"))) {
			assertThatExceptionOfType(OpenAIIoException.class).isThrownBy(() -> stream.stream().toList());
		}
		SpanData span = this.tracing.onlyLlmSpan();
		assertError(span, OpenAIIoException.class);
		assertThat(attributes(span)).containsEntry("llm.usage_reported", false)
			.containsEntry("gen_ai.response.model", "gpt-4.1")
			.hasEntrySatisfying("llm.completion", (completion) -> assertThat((String) completion).startsWith("This")
				.isNotEqualTo("This stream will never finish"));
	}

	@Test
	void streamClosedEarlyEndsTheSpanOnClose() {
		this.emulator.enqueue(ScriptedReply.text("one two three four five six seven eight")
			.withChunkDelay(Duration.ofMillis(20)));
		StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params("Count"));
		Iterator<ResponseStreamEvent> iterator = stream.stream().iterator();
		for (int i = 0; i < 6; i++) {
			iterator.next();
		}
		assertThat(this.tracing.llmSpans()).isEmpty();
		stream.close();
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.stream_closed_early", true);
	}

	@Test
	void errorsAreRecordedAndReachTheCallerUnchanged() {
		this.emulator.enqueue(ScriptedReply.error(429, "rate limited"), ScriptedReply.error(500, "boom"));
		assertThatExceptionOfType(RateLimitException.class)
			.isThrownBy(() -> this.client.responses().create(params("Hi")));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.client.responses().createStreaming(params("Hi")).close());
		List<SpanData> spans = this.tracing.llmSpans();
		assertThat(spans).hasSize(2);
		assertError(spans.get(0), RateLimitException.class);
		assertError(spans.get(1), InternalServerException.class);
	}

	@Test
	void asyncCreateAndStreamingAreTraced() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Async answer"), ScriptedReply.text("Async stream"));
		Response response = this.client.async().responses().create(params("Hi")).get(10, TimeUnit.SECONDS);
		assertThat(response.id()).isNotBlank();
		AsyncStreamResponse<ResponseStreamEvent> stream = this.client.async()
			.responses()
			.createStreaming(params("Hi"));
		List<Optional<Throwable>> completions = new CopyOnWriteArrayList<>();
		stream.subscribe(new AsyncStreamResponse.Handler<>() {

			@Override
			public void onNext(ResponseStreamEvent event) {
			}

			@Override
			public void onComplete(Optional<Throwable> error) {
				completions.add(error);
			}

		});
		stream.onCompleteFuture().get(10, TimeUnit.SECONDS);
		assertThat(completions).containsExactly(Optional.empty());
		List<SpanData> spans = this.tracing.llmSpans();
		assertThat(spans).hasSize(2);
		assertThat(attributes(spans.get(0))).containsEntry("llm.completion", "Async answer")
			.containsEntry("llm.streaming", false);
		assertThat(attributes(spans.get(1))).containsEntry("llm.completion", "Async stream")
			.containsEntry("llm.streaming", true)
			.containsKey("llm.time_to_first_token_ms");
	}

	@Test
	void responseWithoutUsageRecordsThatNoUsageWasReported() {
		this.emulator.enqueue(ScriptedReply.text("No usage").withoutUsage());
		this.client.responses().create(params("Hi"));
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.usage_reported", false)
			.doesNotContainKeys("llm.input_tokens", "llm.cost_usd");
	}

	private static ResponseCreateParams params(String input) {
		return ResponseCreateParams.builder().model("gpt-4.1").input(input).build();
	}

}
