package com.runcascade.tracing.springai;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
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

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.observation.conventions.AiProvider;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.DefaultToolCallingObservationConvention;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationDocumentation;

import com.runcascade.benchmarks.TracingFixture;
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * Cascade's Spring AI capture per model request and per tool call: a Spring AI chat model or tool
 * calling observation handled by {@link SpringAiObservationHandler}, the way Spring AI's models and
 * {@code DefaultToolCallingManager} make them, against the same observation on a registry with no
 * handler (what Spring AI itself costs when nothing observes it). In this package because the
 * handler is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class SpringAiCaptureBenchmark {

	private static final String TOOL_ARGUMENTS = "{\"origin\":\"JFK\",\"destination\":\"NRT\",\"date\":\"2026-12-01\"}";

	private static final String TOOL_RESULT = "[{\"flight\":\"JL5\",\"price\":812},{\"flight\":\"NH9\",\"price\":845}]";

	private static final ToolDefinition TOOL = ToolDefinition.builder()
		.name("searchFlights")
		.description("Search available flights.")
		.inputSchema("{\"type\":\"object\"}")
		.build();

	private static final Prompt PROMPT = new Prompt(List.of(
			new SystemMessage("You are the planner of a travel assistant. Use the tools, then summarise a short plan."),
			new UserMessage("Find me flights from New York to Tokyo on the first of December, the cheapest first.")),
			ChatOptions.builder().model("claude-sonnet-4-5").maxTokens(1024).build());

	private static final ChatResponse RESPONSE = new ChatResponse(
			List.of(new Generation(new AssistantMessage("JL5 at $812 is the cheapest; NH9 follows at $845."))),
			ChatResponseMetadata.builder()
				.id("msg_0123")
				.model("claude-sonnet-4-5")
				.usage(new DefaultUsage(120, 40))
				.build());

	@State(Scope.Benchmark)
	public static class Traced {

		@Param({ "true", "false" })
		public boolean captureContent;

		TracingFixture tracing;

		ObservationRegistry registry;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(this.captureContent);
			CascadeInstrumentation instrumentation = this.tracing.instrumentation;
			this.registry = ObservationRegistry.create();
			// As CascadeSpringAiAutoConfiguration builds the handler, on the application's beans.
			this.registry.observationConfig()
				.observationHandler(new SpringAiObservationHandler(new SpringAiSpans(this.tracing.llmTracing(),
						instrumentation.otelTracer(), instrumentation.contentFormatter(), () -> false, () -> false),
						this.tracing.bean(Tracer.class), false));
			toolCall(this.registry);
			this.tracing.expectLastSpan("searchFlights", "tool.output", this.captureContent);
			modelCall(this.registry);
			this.tracing.expectLastSpan("llm.claude-sonnet-4-5", "llm.completion", this.captureContent);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	@State(Scope.Benchmark)
	public static class Unobserved {

		final ObservationRegistry registry = ObservationRegistry.create();

	}

	@Benchmark
	public String toolCallUnobserved(Unobserved state) {
		return toolCall(state.registry);
	}

	@Benchmark
	public String toolCallTraced(Traced state) {
		return toolCall(state.registry);
	}

	@Benchmark
	public ChatResponse modelCallUnobserved(Unobserved state) {
		return modelCall(state.registry);
	}

	@Benchmark
	public ChatResponse modelCallTraced(Traced state) {
		return modelCall(state.registry);
	}

	/** As {@code DefaultToolCallingManager} observes a tool execution. */
	static String toolCall(ObservationRegistry registry) {
		ToolCallingObservationContext context = ToolCallingObservationContext.builder()
			.toolDefinition(TOOL)
			.toolCallId("toolu_01")
			.toolCallArguments(TOOL_ARGUMENTS)
			.build();
		return ToolCallingObservationDocumentation.TOOL_CALL
			.observation(null, new DefaultToolCallingObservationConvention(), () -> context, registry)
			.observe(() -> {
				context.setToolCallResult(TOOL_RESULT);
				return TOOL_RESULT;
			});
	}

	/** As Spring AI's chat models observe a (non-streamed) request. */
	static ChatResponse modelCall(ObservationRegistry registry) {
		ChatModelObservationContext context = ChatModelObservationContext.builder()
			.prompt(PROMPT)
			.provider(AiProvider.ANTHROPIC.value())
			.build();
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
			.observation(null, new DefaultChatModelObservationConvention(), () -> context, registry)
			.observe(() -> {
				context.setResponse(RESPONSE);
				return RESPONSE;
			});
	}

}
