package com.runcascade.tracing.langchain4j;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CoreTracing;
import com.runcascade.tracing.sdk.TestPrices;

import static com.runcascade.tracing.CoreTracing.attributes;
import static com.runcascade.tracing.CoreTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link CascadeChatModelListener} on real LangChain4j OpenAI and Anthropic models talking
 * to the provider emulator, with a real OpenTelemetry SDK.
 */
class CascadeChatModelListenerTests {

	private LlmEmulator emulator;

	private CoreTracing tracing;

	@BeforeEach
	void setUp() {
		this.emulator = LlmEmulator.start();
		this.tracing = CoreTracing.start(TestPrices.PRICING);
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
		this.tracing.close();
	}

	@Test
	void openAiCallRecordsAnLlmSpanWithTokensAndCostInsideTheRun() {
		this.emulator.enqueue(ScriptedReply.text("Bonjour!").withUsage(50, 10).withCacheUsage(20, 0));
		ChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.temperature(0.3)
			.maxTokens(128)
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)))
			.build();
		try (CascadeScope run = this.tracing.tracer().traceRun("lc4j-run")) {
			ChatResponse response = model.chat(SystemMessage.from("You are terse."), UserMessage.from("Say hello."));
			assertThat(response.aiMessage().text()).isEqualTo("Bonjour!");
		}
		SpanData llm = this.tracing.onlyLlmSpan();
		SpanData run = span(this.tracing.exporter, "lc4j-run");
		assertThat(llm.getName()).isEqualTo("llm.gpt-4o-mini");
		assertThat(llm.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		assertThat(llm.getParentSpanId()).isEqualTo(run.getSpanId());
		Map<String, Object> attributes = attributes(llm);
		assertThat(attributes).containsEntry("cascade.span_type", "llm")
			.containsEntry("llm.model", "gpt-4o-mini")
			.containsEntry("llm.provider", "openai")
			.containsEntry("gen_ai.provider.name", "openai")
			.containsEntry("llm.streaming", false)
			.containsEntry("llm.system_message", "You are terse.")
			.containsEntry("llm.prompt", "Say hello.")
			.containsEntry("llm.completion", "Bonjour!")
			.containsEntry("llm.max_tokens", 128L)
			.containsEntry("llm.temperature", 0.3)
			.containsEntry("llm.input_tokens", 50L)
			.containsEntry("llm.output_tokens", 10L)
			.containsEntry("llm.total_tokens", 60L)
			.containsEntry("gen_ai.usage.cache_read.input_tokens", 20L)
			.containsEntry("gen_ai.response.finish_reasons", List.of("stop"))
			.containsEntry("gen_ai.response.model", "gpt-4o-mini");
		assertThat((Double) attributes.get("llm.latency_ms")).isPositive();
		// (50 - 20) x $0.15 + 10 x $0.60 + 20 x $0.075 per million tokens
		assertThat((Double) attributes.get("llm.cost_usd")).isCloseTo(12.0 / 1_000_000, within(1e-12));
		assertThat(attributes(run)).containsEntry("cascade.usage.input_tokens", 50L)
			.containsEntry("cascade.usage.llm_calls", 1L);
		assertThat((Double) attributes(run).get("cascade.usage.cost_usd")).isCloseTo(12.0 / 1_000_000, within(1e-12));
	}

	@Test
	void toolsOfferedAndToolCallsRequestedAreRecorded() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
		ChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)))
			.build();
		ToolSpecification weather = ToolSpecification.builder()
			.name("get_weather")
			.description("Current weather of a city")
			.build();
		model.chat(ChatRequest.builder().messages(UserMessage.from("Weather in Paris?")).toolSpecifications(weather).build());
		Map<String, Object> attributes = attributes(this.tracing.onlyLlmSpan());
		assertThat((String) attributes.get("llm.tools")).contains("\"name\":\"get_weather\"")
			.contains("Current weather of a city");
		assertThat((String) attributes.get("llm.completion")).isEqualTo("[tool_use get_weather {\"city\":\"Paris\"}]");
		assertThat(attributes).containsEntry("gen_ai.response.finish_reasons", List.of("tool_execution"));
	}

	@Test
	void openAiStreamEndsItsSpanWhenTheStreamCompletesOnAnotherThread() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Hello there, friend").withUsage(12, 4));
		StreamingChatModel model = OpenAiStreamingChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.listeners(List.of(CascadeChatModelListener.forStreamingChatModel(this.tracing::llmTracing)))
			.build();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		try (CascadeScope run = this.tracing.tracer().traceRun("stream-run")) {
			try (CascadeScope agent = this.tracing.tracer().traceAgent("writer")) {
				model.chat("Greet me", handler(done));
				// The stream completes on LangChain4j's HTTP thread, after the caller left the agent.
			}
			assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Hello there, friend");
		}
		SpanData llm = this.tracing.awaitLlmSpan();
		SpanData agent = span(this.tracing.exporter, "writer");
		assertThat(llm.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(attributes(llm)).containsEntry("llm.streaming", true)
			.containsEntry("cascade.agent_name", "writer")
			.containsEntry("llm.completion", "Hello there, friend")
			.containsEntry("llm.input_tokens", 12L)
			.containsEntry("llm.output_tokens", 4L)
			// A listener sees no chunk: only a layer around doChat can time the first one.
			.doesNotContainKey("llm.time_to_first_token_ms");
	}

	@Test
	void anthropicCallAndStreamRecordUsageAsAnthropicReportsIt() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Hi!").withUsage(30, 5).withCacheUsage(10, 0),
				ScriptedReply.text("Streamed hi").withUsage(7, 3));
		ChatModel model = AnthropicChatModel.builder()
			.baseUrl(this.emulator.anthropicBaseUrl() + "/v1")
			.apiKey("sk-ant-test")
			.modelName("claude-sonnet-4-5")
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)))
			.build();
		StreamingChatModel streaming = AnthropicStreamingChatModel.builder()
			.baseUrl(this.emulator.anthropicBaseUrl() + "/v1")
			.apiKey("sk-ant-test")
			.modelName("claude-sonnet-4-5")
			.listeners(List.of(CascadeChatModelListener.forStreamingChatModel(this.tracing::llmTracing)))
			.build();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		try (CascadeScope run = this.tracing.tracer().traceRun("anthropic-run")) {
			model.chat("Hello");
			streaming.chat("Hello again", handler(done));
			done.get(10, TimeUnit.SECONDS);
		}
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.tracing.llmSpans().size() == 2);
		SpanData run = span(this.tracing.exporter, "anthropic-run");
		List<SpanData> llm = this.tracing.llmSpans();
		assertThat(llm).allSatisfy((span) -> {
			assertThat(span.getParentSpanId()).isEqualTo(run.getSpanId());
			assertThat(attributes(span)).containsEntry("llm.provider", "anthropic");
		});
		Map<String, Object> call = attributes(llm.stream().filter((s) -> !(Boolean) attributes(s).get("llm.streaming")).findFirst().orElseThrow());
		// Anthropic's input excludes the cached tokens: the total adds them.
		assertThat(call).containsEntry("llm.input_tokens", 30L).containsEntry("llm.total_tokens", 45L)
			.containsEntry("gen_ai.usage.cache_read.input_tokens", 10L)
			.containsEntry("llm.completion", "Hi!");
		// 30 x $3 + 5 x $15 + 10 x $0.3 per million tokens
		assertThat((Double) call.get("llm.cost_usd")).isCloseTo(168.0 / 1_000_000, within(1e-12));
		Map<String, Object> streamed = attributes(llm.stream().filter((s) -> (Boolean) attributes(s).get("llm.streaming")).findFirst().orElseThrow());
		assertThat(streamed).containsEntry("llm.completion", "Streamed hi").containsEntry("llm.output_tokens", 3L);
	}

	@Test
	void providerErrorEndsTheSpanWithTheErrorAndReachesTheCaller() {
		this.emulator.enqueue(ScriptedReply.error(500, "upstream exploded"));
		ChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)))
			.build();
		assertThatException().isThrownBy(() -> model.chat("Hello"));
		SpanData llm = this.tracing.onlyLlmSpan();
		assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(attributes(llm)).containsKey("error.type").containsKey("llm.latency_ms");
		// The synchronous listener's scope was closed: nothing of the call stays current.
		assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
	}

	@Test
	void synchronousCallMakesItsSpanCurrentWhileTheModelRuns() {
		this.emulator.enqueue(ScriptedReply.text("ok"));
		ChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing),
					new dev.langchain4j.model.chat.listener.ChatModelListener() {
						@Override
						public void onRequest(dev.langchain4j.model.chat.listener.ChatModelRequestContext context) {
							context.attributes().put("seen", io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId());
						}

						@Override
						public void onResponse(dev.langchain4j.model.chat.listener.ChatModelResponseContext context) {
							assertThat(context.attributes()).containsKey("seen");
						}
					}))
			.build();
		model.chat("Hello");
		SpanData llm = this.tracing.onlyLlmSpan();
		assertThat(llm.getName()).isEqualTo("llm.gpt-4o-mini");
		assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
	}

	@Test
	void aRequestMadeWhileAnLlmSpanIsCurrentAddsNoSecondOne() {
		this.emulator.enqueue(ScriptedReply.text("inner"));
		ChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)))
			.build();
		com.runcascade.tracing.llm.LlmCall outer = this.tracing.llmTracing()
			.start(new com.runcascade.tracing.llm.LlmRequest("openai", "outer-model", List.of(), null, null, null, false));
		try (io.opentelemetry.context.Scope scope = outer.makeCurrent()) {
			model.chat("Hello");
		}
		outer.end(new com.runcascade.tracing.llm.LlmResponse(null, null, List.of(), "outer", null));
		assertThat(this.tracing.llmSpans()).singleElement().extracting(SpanData::getName).isEqualTo("llm.outer-model");
	}

	@Test
	void anthropicThinkingIsRecordedAsReasoningApartFromTheCompletion() {
		this.emulator.enqueue(ScriptedReply.text("42").withThinking("Six times seven."));
		ChatModel model = AnthropicChatModel.builder()
			.baseUrl(this.emulator.anthropicBaseUrl() + "/v1")
			.apiKey("sk-ant-test")
			.modelName("claude-sonnet-4-5")
			.thinkingType("enabled")
			.thinkingBudgetTokens(1024)
			.maxTokens(2048)
			.returnThinking(true)
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)))
			.build();
		model.chat("What is six times seven?");
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.reasoning", "Six times seven.")
			.containsEntry("llm.completion", "42");
	}

	private static StreamingChatResponseHandler handler(CompletableFuture<ChatResponse> done) {
		return new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String partialResponse) {
			}

			@Override
			public void onCompleteResponse(ChatResponse completeResponse) {
				done.complete(completeResponse);
			}

			@Override
			public void onError(Throwable error) {
				done.completeExceptionally(error);
			}

		};
	}

}
