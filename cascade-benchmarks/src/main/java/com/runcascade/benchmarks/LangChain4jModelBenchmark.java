package com.runcascade.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.aop.support.AopUtils;

import com.runcascade.tracing.langchain4j.CascadeChatModelListener;

/**
 * A LangChain4j {@code ChatModel} whose {@code doChat} returns a prepared response (no HTTP, no JSON),
 * called through LangChain4j's own {@code chat}: without Cascade, as a bean the auto-configuration
 * traced (the proxy plus the listener), and with Cascade's listener given to its builder (the listener
 * alone).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class LangChain4jModelBenchmark {

	static final String MODEL = "gpt-4o-mini";

	/** The request, made once: a system prompt and three messages, as in the SDK client benchmark. */
	@State(Scope.Thread)
	public static class Requests {

		final ChatRequest request = ChatRequest.builder()
			.messages(SystemMessage.from("You are a travel agent. Answer briefly and offer at most three options."),
					UserMessage.from("I need a flight from Paris to Lisbon next Friday morning."),
					AiMessage.from("There are three morning flights: 07:05, 08:40 and 10:15. Which do you prefer?"),
					UserMessage.from("The 08:40 one, please, in economy with one checked bag."))
			.build();

	}

	/** The model without Cascade. */
	@State(Scope.Benchmark)
	public static class Direct {

		final ChatModel model = new FakeChatModel(List.of());

	}

	/** The model as a bean of an application with Cascade: proxied by the auto-configuration. */
	@State(Scope.Benchmark)
	public static class Bean {

		@Param({ "true", "false" })
		boolean captureContent;

		TracingFixture tracing;

		ChatModel model;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(this.captureContent,
					(context) -> context.registerBean(FakeChatModel.class, () -> new FakeChatModel(List.of())));
			this.model = this.tracing.bean(FakeChatModel.class);
			if (!AopUtils.isCglibProxy(this.model)) {
				throw new IllegalStateException("The model bean should be traced by a subclass proxy");
			}
			expectTracedCall(this.tracing, this.model, this.captureContent);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	/** The model built with Cascade's listener: no proxy. */
	@State(Scope.Benchmark)
	public static class Listener {

		TracingFixture tracing;

		ChatModel model;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(true);
			this.model = new FakeChatModel(List.of(CascadeChatModelListener.forChatModel(this.tracing::llmTracing)));
			expectTracedCall(this.tracing, this.model, true);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	static void expectTracedCall(TracingFixture tracing, ChatModel model, boolean captureContent) {
		model.chat(new Requests().request);
		tracing.expectLastSpan("llm." + MODEL, "llm.completion", captureContent);
		ReadableSpan span = tracing.lastSpan();
		if (span == null || span.getAttribute(AttributeKey.doubleKey("llm.cost_usd")) == null) {
			throw new IllegalStateException("The LLM span should have a cost");
		}
	}

	@Benchmark
	public ChatResponse chatDirect(Direct direct, Requests requests) {
		return direct.model.chat(requests.request);
	}

	@Benchmark
	public ChatResponse chatBean(Bean traced, Requests requests) {
		return traced.model.chat(requests.request);
	}

	@Benchmark
	public ChatResponse chatListener(Listener traced, Requests requests) {
		return traced.model.chat(requests.request);
	}

	/** A chat model as LangChain4j's provider modules shape them, answering with a prepared response. */
	public static class FakeChatModel implements ChatModel {

		private static final ChatResponse RESPONSE = ChatResponse.builder()
			.aiMessage(AiMessage.from("Booked: AF1024 at 08:40, economy, one checked bag. Total 142 EUR."))
			.modelName(MODEL)
			.id("chatcmpl-benchmark")
			.tokenUsage(new TokenUsage(180, 24))
			.finishReason(FinishReason.STOP)
			.build();

		private static final ChatRequestParameters DEFAULTS = ChatRequestParameters.builder().modelName(MODEL).build();

		private final List<ChatModelListener> listeners;

		public FakeChatModel(List<ChatModelListener> listeners) {
			this.listeners = List.copyOf(listeners);
		}

		@Override
		public ChatResponse doChat(ChatRequest chatRequest) {
			return RESPONSE;
		}

		@Override
		public ChatRequestParameters defaultRequestParameters() {
			return DEFAULTS;
		}

		@Override
		public List<ChatModelListener> listeners() {
			return this.listeners;
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

}
