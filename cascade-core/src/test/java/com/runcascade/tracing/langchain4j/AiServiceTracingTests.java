package com.runcascade.tracing.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import io.opentelemetry.api.trace.Span;
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
import static org.awaitility.Awaitility.await;

/**
 * Tests for AI service calls and their tools, recorded through the registrar LangChain4j finds with
 * {@code ServiceLoader}, on real LangChain4j AI services and models against the provider emulator.
 */
class AiServiceTracingTests {

	private LlmEmulator emulator;

	private CoreTracing tracing;

	@BeforeEach
	void setUp() {
		this.emulator = LlmEmulator.start();
		this.tracing = CoreTracing.start(TestPrices.PRICING);
		LangChain4jTracing.bind(this.tracing.instrumentation(), this.tracing.llmTracing());
	}

	@AfterEach
	void tearDown() {
		LangChain4jTracing.unbind(this.tracing.instrumentation());
		this.emulator.close();
		this.tracing.close();
	}

	@Test
	void aiServiceCallIsAnAgentWithItsLlmCallsAndToolInOrder() {
		this.emulator.enqueue(ScriptedReply.toolCall("weather", "{\"city\":\"Paris\"}").withUsage(40, 8),
				ScriptedReply.text("It is sunny in Paris.").withUsage(60, 9));
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(model())
			.tools(new WeatherTools())
			.build();
		try (CascadeScope run = this.tracing.tracer().traceRun("ask")) {
			assertThat(assistant.chat("Weather in Paris?")).isEqualTo("It is sunny in Paris.");
		}
		SpanData run = span(this.tracing.exporter, "ask");
		SpanData agent = span(this.tracing.exporter, "Assistant");
		SpanData tool = span(this.tracing.exporter, "weather");
		List<SpanData> llm = this.tracing.llmSpans();
		assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(attributes(agent)).containsEntry("cascade.span_type", "agent")
			.containsEntry("agent.method", "chat")
			.containsEntry("agent.service", Assistant.class.getName())
			.containsEntry("cascade.usage.llm_calls", 2L)
			.containsEntry("cascade.usage.tool_calls", 1L)
			.containsEntry("cascade.usage.input_tokens", 100L);
		assertThat(llm).hasSize(2).allSatisfy((span) -> {
			assertThat(span.getParentSpanId()).isEqualTo(agent.getSpanId());
			assertThat(attributes(span)).containsEntry("cascade.agent_name", "Assistant");
		});
		assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(attributes(tool)).containsEntry("cascade.span_type", "tool")
			.containsEntry("tool.name", "weather")
			.containsEntry("tool.description", "Current weather of a city")
			.containsEntry("tool.input", "{\"city\":\"Paris\"}")
			.containsEntry("tool.output", "sunny in Paris")
			.containsEntry("gen_ai.operation.name", "execute_tool")
			.containsEntry("cascade.agent_name", "Assistant")
			.containsKey("gen_ai.tool.call.id");
		// In order: the first model call, then the tool, then the second model call.
		SpanData first = llm.stream().min((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).orElseThrow();
		SpanData second = llm.stream().filter((span) -> span != first).findFirst().orElseThrow();
		assertThat(tool.getStartEpochNanos()).isGreaterThanOrEqualTo(first.getEndEpochNanos());
		assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(second.getStartEpochNanos());
		assertThat(attributes(run)).containsEntry("cascade.usage.tool_calls", 1L).containsEntry("cascade.usage.llm_calls", 2L);
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
	}

	@Test
	void toolThatThrowsIsRecordedAsFailedAndTheModelGetsTheError() {
		this.emulator.enqueue(ScriptedReply.toolCall("forecast", "{\"city\":\"Rome\"}"),
				ScriptedReply.text("Sorry, no forecast."));
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(model())
			.tools(new FailingTools())
			.build();
		try (CascadeScope run = this.tracing.tracer().traceRun("ask")) {
			assertThat(assistant.chat("Forecast for Rome?")).isEqualTo("Sorry, no forecast.");
		}
		SpanData tool = span(this.tracing.exporter, "forecast");
		assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat((String) attributes(tool).get("tool.error")).contains("no forecast for Rome");
		assertThat(span(this.tracing.exporter, "Assistant").getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
	}

	@Test
	void memoryIdBecomesTheSessionWhenNoneIsSet() {
		this.emulator.enqueue(ScriptedReply.text("Hi Ada"));
		Chat chat = AiServices.builder(Chat.class)
			.chatModel(model())
			.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(10))
			.build();
		try (CascadeScope run = this.tracing.tracer().traceRun("conversation")) {
			chat.chat("user-42", "Hello");
		}
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("cascade.session_id", "user-42");
		assertThat(attributes(span(this.tracing.exporter, "Chat"))).containsEntry("cascade.session_id", "user-42");
	}

	@Test
	void aSessionAlreadySetIsKeptOverTheMemoryId() {
		this.emulator.enqueue(ScriptedReply.text("Hi"));
		Chat chat = AiServices.builder(Chat.class)
			.chatModel(model())
			.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(10))
			.build();
		try (CascadeScope session = this.tracing.tracer().sessionScope("web-session")) {
			chat.chat("user-42", "Hello");
		}
		assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("cascade.session_id", "web-session");
	}

	@Test
	void insideAnAgentTheServiceAddsNoSpanOfItsOwn() {
		this.emulator.enqueue(ScriptedReply.text("Fine"));
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(model()).build();
		try (CascadeScope run = this.tracing.tracer().traceRun("run");
				CascadeScope agent = this.tracing.tracer().traceAgent("planner")) {
			assistant.chat("How are you?");
		}
		assertThat(this.tracing.spans()).extracting(SpanData::getName).doesNotContain("Assistant");
		assertThat(this.tracing.onlyLlmSpan().getParentSpanId()).isEqualTo(span(this.tracing.exporter, "planner").getSpanId());
	}

	@Test
	void failedServiceCallEndsItsAgentWithTheError() {
		this.emulator.enqueue(ScriptedReply.error(500, "down"));
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(model()).build();
		try (CascadeScope run = this.tracing.tracer().traceRun("run")) {
			assertThatException().isThrownBy(() -> assistant.chat("Hello"));
		}
		assertThat(span(this.tracing.exporter, "Assistant").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(this.tracing.onlyLlmSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
	}

	@Test
	void streamedServiceCallRecordsItsToolUnderTheCallersContext() throws Exception {
		this.emulator.enqueue(ScriptedReply.toolCall("weather", "{\"city\":\"Oslo\"}"), ScriptedReply.text("Snow."));
		StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
			.streamingChatModel(streamingModel())
			.tools(new WeatherTools())
			.build();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		try (CascadeScope run = this.tracing.tracer().traceRun("streamed")) {
			assistant.chat("Weather in Oslo?")
				.onPartialResponse((text) -> {
				})
				.onCompleteResponse(done::complete)
				.onError(done::completeExceptionally)
				.start();
			assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Snow.");
		}
		await().until(() -> this.tracing.llmSpans().size() == 2);
		SpanData run = span(this.tracing.exporter, "streamed");
		SpanData tool = span(this.tracing.exporter, "weather");
		assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(attributes(tool)).containsEntry("tool.output", "sunny in Oslo");
		assertThat(this.tracing.llmSpans()).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(run.getTraceId()));
	}

	@Test
	void modelWithoutCascadesListenerGetsItsLlmSpansFromTheServiceEvents() {
		this.emulator.enqueue(ScriptedReply.toolCall("weather", "{\"city\":\"Lima\"}").withUsage(40, 8),
				ScriptedReply.text("Cloudy in Lima.").withUsage(60, 9));
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(plainModel())
			.tools(new WeatherTools())
			.build();
		try (CascadeScope run = this.tracing.tracer().traceRun("ask")) {
			assertThat(assistant.chat("Weather in Lima?")).isEqualTo("Cloudy in Lima.");
		}
		SpanData run = span(this.tracing.exporter, "ask");
		SpanData agent = span(this.tracing.exporter, "Assistant");
		SpanData tool = span(this.tracing.exporter, "weather");
		List<SpanData> llm = this.tracing.llmSpans()
			.stream()
			.sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
			.toList();
		assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(llm).hasSize(2).allSatisfy((span) -> {
			assertThat(span.getName()).isEqualTo("llm.gpt-4o-mini");
			assertThat(span.getParentSpanId()).isEqualTo(agent.getSpanId());
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
			assertThat(attributes(span)).containsEntry("llm.provider", "openai")
				.containsEntry("llm.model", "gpt-4o-mini")
				.containsEntry("llm.streaming", false)
				.containsEntry("cascade.agent_name", "Assistant")
				.containsEntry("llm.prompt", "Weather in Lima?");
			assertThat((Double) attributes(span).get("llm.latency_ms")).isPositive();
		});
		assertThat(attributes(llm.get(0))).containsEntry("llm.input_tokens", 40L)
			.containsEntry("llm.output_tokens", 8L)
			.containsEntry("llm.completion", "[tool_use weather {\"city\":\"Lima\"}]")
			.containsEntry("gen_ai.response.finish_reasons", List.of("tool_execution"));
		assertThat((String) attributes(llm.get(0)).get("llm.tools")).contains("weather");
		assertThat(attributes(llm.get(1))).containsEntry("llm.input_tokens", 60L)
			.containsEntry("llm.output_tokens", 9L)
			.containsEntry("llm.completion", "Cloudy in Lima.");
		// In order: the first model call, then the tool, then the second model call.
		assertThat(tool.getStartEpochNanos()).isGreaterThanOrEqualTo(llm.get(0).getEndEpochNanos());
		assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(llm.get(1).getStartEpochNanos());
		// 40 x $0.15 + 8 x $0.60, then 60 x $0.15 + 9 x $0.60 per million tokens
		assertThat((Double) attributes(llm.get(0)).get("llm.cost_usd")).isCloseTo(10.8 / 1_000_000, within(1e-12));
		assertThat((Double) attributes(llm.get(1)).get("llm.cost_usd")).isCloseTo(14.4 / 1_000_000, within(1e-12));
		for (SpanData rollup : List.of(run, agent)) {
			assertThat(attributes(rollup)).containsEntry("cascade.usage.llm_calls", 2L)
				.containsEntry("cascade.usage.tool_calls", 1L)
				.containsEntry("cascade.usage.input_tokens", 100L)
				.containsEntry("cascade.usage.output_tokens", 17L);
			assertThat((Double) attributes(rollup).get("cascade.usage.cost_usd")).isCloseTo(25.2 / 1_000_000,
					within(1e-12));
		}
	}

	@Test
	void modelWithCascadesListenerIsRecordedOncePerRequest() {
		this.emulator.enqueue(ScriptedReply.toolCall("weather", "{\"city\":\"Kyiv\"}").withUsage(40, 8),
				ScriptedReply.text("Rain in Kyiv.").withUsage(60, 9));
		ChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel()))
			.build();
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(new WeatherTools()).build();
		try (CascadeScope run = this.tracing.tracer().traceRun("ask")) {
			assertThat(assistant.chat("Weather in Kyiv?")).isEqualTo("Rain in Kyiv.");
		}
		assertThat(this.tracing.llmSpans()).hasSize(2);
		assertThat(attributes(span(this.tracing.exporter, "ask"))).containsEntry("cascade.usage.llm_calls", 2L)
			.containsEntry("cascade.usage.input_tokens", 100L);
	}

	@Test
	void failedRequestOfAModelWithoutCascadesListenerIsAFailedLlmSpan() {
		this.emulator.enqueue(ScriptedReply.error(500, "down"));
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(plainModel()).build();
		try (CascadeScope run = this.tracing.tracer().traceRun("run")) {
			assertThatException().isThrownBy(() -> assistant.chat("Hello"));
		}
		SpanData llm = this.tracing.onlyLlmSpan();
		assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(llm.getParentSpanId()).isEqualTo(span(this.tracing.exporter, "Assistant").getSpanId());
		assertThat(attributes(span(this.tracing.exporter, "run"))).containsEntry("cascade.usage.llm_calls", 1L);
	}

	@Test
	void streamedCallOfAModelWithoutCascadesListenerGetsItsLlmSpansInTheCallersTrace() throws Exception {
		this.emulator.enqueue(ScriptedReply.toolCall("weather", "{\"city\":\"Oslo\"}").withUsage(40, 8),
				ScriptedReply.text("Snow.").withUsage(60, 9));
		StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
			.streamingChatModel(OpenAiStreamingChatModel.builder()
				.baseUrl(this.emulator.openAiBaseUrl())
				.apiKey("sk-test")
				.modelName("gpt-4o-mini")
				.build())
			.tools(new WeatherTools())
			.build();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		try (CascadeScope run = this.tracing.tracer().traceRun("streamed")) {
			assistant.chat("Weather in Oslo?")
				.onPartialResponse((text) -> {
				})
				.onCompleteResponse(done::complete)
				.onError(done::completeExceptionally)
				.start();
			assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Snow.");
		}
		await().until(() -> this.tracing.llmSpans().size() == 2);
		SpanData run = span(this.tracing.exporter, "streamed");
		assertThat(this.tracing.llmSpans()).allSatisfy((span) -> {
			assertThat(span.getParentSpanId()).isEqualTo(run.getSpanId());
			assertThat(attributes(span)).containsEntry("llm.streaming", true).containsEntry("llm.provider", "openai");
		});
		assertThat(this.tracing.llmSpans()).extracting((span) -> attributes(span).get("llm.input_tokens"))
			.containsExactlyInAnyOrder(40L, 60L);
	}

	/** A model built by hand with no listener, as in {@code AiServices.builder(...).chatModel(OpenAiChatModel.builder()...build())}. */
	private ChatModel plainModel() {
		return OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.build();
	}

	private ChatModel model() {
		return OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.listeners(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)))
			.build();
	}

	private StreamingChatModel streamingModel() {
		return OpenAiStreamingChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.listeners(List.of(CascadeChatModelListener.forStreamingChatModel(this.tracing::llmTracing)))
			.build();
	}

	interface Assistant {

		String chat(String message);

	}

	interface Chat {

		String chat(@MemoryId String user, @UserMessage String message);

	}

	interface StreamingAssistant {

		TokenStream chat(String message);

	}

	static class FailingTools {

		@Tool("Forecast of a city")
		String forecast(String city) {
			throw new IllegalStateException("no forecast for " + city);
		}

	}

	static class WeatherTools {

		@Tool("Current weather of a city")
		String weather(String city) {
			return "sunny in " + city;
		}

	}

}
