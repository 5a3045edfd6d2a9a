package com.runcascade.tracing.springai;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.assertj.core.data.Offset;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.span;
import static com.runcascade.tracing.InMemoryTracing.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Token usage of a three-round tool loop (tool call, tool call, answer) on each round's LLM span and
 * in the run's and agent's totals, against what the provider reported for each request (the
 * emulator sends the scripted counts as they are).
 *
 * <p>
 * Spring AI 1.1 runs the loop inside the chat model and reports each round's usage as the running
 * sum of the rounds so far ({@code UsageCalculator.getCumulativeUsage} with the previous round's
 * response), so summing the LLM spans would count round one three times and round two twice.
 * Spring AI 2.0 took the loop out of every chat model: {@code OpenAiChatModel} and
 * {@code AnthropicChatModel} start {@code call} and {@code stream} with no previous response and
 * never execute tools, and {@code ToolCallingChatOptions} has no internal tool execution option any
 * more. The running sum moved to the ChatClient's {@code ToolCallingAdvisor}
 * ({@code UsageAccumulator}), which stamps it on copies of the responses it passes up, after each
 * model observation has stopped with its own request's usage. Either way each LLM span must show
 * one request's tokens, and the run their sum.
 */
class SpringAiToolRoundUsageTests {

	private static final AttributeKey<Long> INPUT = CascadeAttributes.GEN_AI_USAGE_INPUT_TOKENS;

	private static final AttributeKey<Long> OUTPUT = CascadeAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;

	private static final AttributeKey<Long> CACHE_READ = CascadeAttributes.GEN_AI_USAGE_CACHE_READ;

	private static final AttributeKey<Double> COST = AttributeKey.doubleKey("llm.cost_usd");

	private static final AttributeKey<Double> RUN_COST = AttributeKey.doubleKey("cascade.usage.cost_usd");

	private final LlmEmulator emulator = LlmEmulator.start();

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@ParameterizedTest
	@EnumSource
	void eachRoundOfAChatClientToolLoopCallRecordsItsOwnUsage(Provider provider) {
		Rounds rounds = Rounds.withCacheRead(this.emulator);
		provider.runner(this.emulator).run((context) -> {
			ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
			ChatResponse response = inRun(() -> chatClient.prompt()
				.user("Weather in Paris and Rome?")
				.tools(new WeatherTools())
				.call()
				.chatResponse());
			assertThat(response).isNotNull();
			// What the caller gets is Spring AI's choice: the loop's total from 2.0.1's ToolCallingAdvisor, the last
			// round's from 2.0.0's. Each LLM span has its own round's either way (below).
			assertThat(response.getMetadata().getUsage().getPromptTokens()).isIn(180, 80);
			assertRoundsAndRun(context, provider, rounds);
		});
	}

	@ParameterizedTest
	@EnumSource
	void eachRoundOfAChatClientToolLoopStreamRecordsItsOwnUsage(Provider provider) {
		Rounds rounds = Rounds.withoutCache(this.emulator);
		provider.runner(this.emulator).run((context) -> {
			ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
			List<String> answer = inRun(() -> chatClient.prompt()
				.user("Weather in Paris and Rome?")
				.tools(new WeatherTools())
				.stream()
				.content()
				.collectList()
				.block());
			assertThat(answer).isNotNull();
			assertThat(String.join("", answer)).isEqualTo("Sunny in both.");
			assertRoundsAndRun(context, provider, rounds);
		});
	}

	@ParameterizedTest
	@EnumSource
	void eachRoundOfAnApplicationsOwnToolLoopOnAChatModelCallRecordsItsOwnUsage(Provider provider) {
		Rounds rounds = Rounds.withCacheRead(this.emulator);
		provider.runner(this.emulator).run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			ChatResponse answer = inRun(() -> toolLoop(context, provider, model::call));
			assertThat(answer.getResult().getOutput().getText()).isEqualTo("Sunny in both.");
			assertRoundsAndRun(context, provider, rounds);
		});
	}

	@ParameterizedTest
	@EnumSource
	void eachRoundOfAnApplicationsOwnToolLoopOnAChatModelStreamRecordsItsOwnUsage(Provider provider) {
		Rounds rounds = Rounds.withoutCache(this.emulator);
		provider.runner(this.emulator).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			ChatModel model = context.getBean(ChatModel.class);
			AtomicInteger round = new AtomicInteger();
			ChatResponse answer = inRun(() -> toolLoop(context, provider, (prompt) -> {
				ChatResponse response = aggregate(model.stream(prompt));
				// Spring AI stops a stream's observation (doFinally) after the caller has seen it complete,
				// so the round's span can end after this returns; the last one after the run (not checked here).
				// A model that runs the loop itself (1.1) streams all three rounds here, ending the first two.
				int ended = round.incrementAndGet();
				await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() >= ended);
				return response;
			}));
			assertThat(answer.getResult().getOutput().getText()).isEqualTo("Sunny in both.");
			assertRoundsAndRun(context, provider, rounds);
		});
	}

	/**
	 * Spring AI 2.0 only: a chat model given a tool returns its calls and runs nothing, so there is
	 * no loop inside the model whose usage could add up (on 1.1 the model would run the tool).
	 */
	@ParameterizedTest
	@EnumSource
	void aChatModelGivenAToolReturnsTheToolCallsWithTheirRequestsOwnUsage(Provider provider) {
		assumeFalse(SpringAiTestLine.MODEL_RUNS_TOOL_LOOP, "this line's models run the tools themselves");
		Rounds rounds = Rounds.withoutCache(this.emulator);
		provider.runner(this.emulator).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			ChatModel model = context.getBean(ChatModel.class);
			ChatResponse called = inRun(() -> model.call(toolPrompt(provider)));
			ChatResponse streamed = inRun(() -> aggregate(model.stream(toolPrompt(provider))));
			assertThat(called.hasToolCalls()).isTrue();
			assertThat(streamed.hasToolCalls()).isTrue();
			assertThat(this.emulator.requests()).hasSize(2);
			await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() == 2);
			assertThat(ofType(exporter, "tool")).isEmpty();
			assertThat(ofType(exporter, "llm")).satisfiesExactly((first) -> assertRound(first, rounds.reported[0]),
					(second) -> assertRound(second, rounds.reported[1]));
		});
	}

	private static Prompt toolPrompt(Provider provider) {
		return new Prompt("Weather in Paris and Rome?", provider.options(ToolCallbacks.from(new WeatherTools())));
	}

	/** The loop Spring AI documents for user-controlled tool execution. */
	private static ChatResponse toolLoop(AssertableApplicationContext context, Provider provider,
			Function<Prompt, ChatResponse> model) {
		ToolCallingManager manager = context.getBean(ToolCallingManager.class);
		Prompt prompt = toolPrompt(provider);
		ChatResponse response = model.apply(prompt);
		while (response.hasToolCalls()) {
			ToolExecutionResult result = manager.executeToolCalls(prompt, response);
			prompt = new Prompt(result.conversationHistory(), prompt.getOptions());
			response = model.apply(prompt);
		}
		return response;
	}

	private static ChatResponse aggregate(Flux<ChatResponse> stream) {
		AtomicReference<@Nullable ChatResponse> aggregated = new AtomicReference<>();
		new MessageAggregator().aggregate(stream, aggregated::set).blockLast();
		return Objects.requireNonNull(aggregated.get());
	}

	private static <T> T inRun(Supplier<T> body) {
		try (CascadeScope run = Cascade.traceRun("run"); CascadeScope agent = Cascade.traceAgent("agent")) {
			return body.get();
		}
	}

	private void assertRoundsAndRun(AssertableApplicationContext context, Provider provider, Rounds rounds) {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		assertThat(this.emulator.requests()).hasSize(3);
		await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() == 3);
		String tree = tree(exporter);
		List<SpanData> llms = ofType(exporter, "llm");
		assertThat(llms).as(tree)
			.satisfiesExactly((first) -> assertRound(first, rounds.reported[0]),
					(second) -> assertRound(second, rounds.reported[1]), (third) -> assertRound(third, rounds.reported[2]));
		assertThat(ofType(exporter, "tool")).as(tree).hasSize(2);
		assertRoundsThenToolsInOrderUnderTheAgent(exporter, tree);
		assertThat(llms).as(tree)
			.extracting((llm) -> llm.getAttributes().get(CascadeAttributes.LLM_COMPLETION))
			.satisfiesExactly((first) -> assertThat(first).contains("currentWeather", "Paris"),
					(second) -> assertThat(second).contains("currentWeather", "Rome"),
					(third) -> assertThat(third).isEqualTo("Sunny in both."));
		long input = 0;
		long output = 0;
		long cacheRead = 0;
		for (long[] reported : rounds.reported) {
			input += reported[0];
			output += reported[1];
			cacheRead += reported[2];
		}
		long total = input + output + (provider.cacheIncludedInInput ? 0 : cacheRead);
		double cost = llms.stream().mapToDouble((llm) -> llm.getAttributes().get(COST)).sum();
		for (String name : List.of("run", "agent")) {
			SpanData rollup = span(exporter, name);
			assertThat(rollup.getAttributes().get(CascadeAttributes.USAGE_LLM_CALLS)).as(name).isEqualTo(3);
			assertThat(rollup.getAttributes().get(CascadeAttributes.USAGE_TOOL_CALLS)).as(name).isEqualTo(2);
			assertThat(rollup.getAttributes().get(CascadeAttributes.USAGE_INPUT_TOKENS)).as(name).isEqualTo(input);
			assertThat(rollup.getAttributes().get(CascadeAttributes.USAGE_OUTPUT_TOKENS)).as(name).isEqualTo(output);
			assertThat(rollup.getAttributes().get(CascadeAttributes.USAGE_TOTAL_TOKENS)).as(name).isEqualTo(total);
			assertThat(rollup.getAttributes().get(RUN_COST)).as(name).isCloseTo(cost, Offset.offset(1e-12));
		}
	}

	/**
	 * Each round trip's LLM span and each tool span are children of the agent, in the loop's order,
	 * each ended before the next one starts (Spring AI 1.1's streamed rounds are nested observations,
	 * each open until the whole stream ends).
	 */
	private static void assertRoundsThenToolsInOrderUnderTheAgent(InMemorySpanExporter exporter, String tree) {
		String agent = span(exporter, "agent").getSpanId();
		List<SpanData> steps = Stream.concat(ofType(exporter, "llm").stream(), ofType(exporter, "tool").stream())
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
		assertThat(steps).as(tree)
			.extracting((step) -> step.getAttributes().get(CascadeAttributes.SPAN_TYPE))
			.containsExactly("llm", "tool", "llm", "tool", "llm");
		assertThat(steps).as(tree).allSatisfy((step) -> assertThat(step.getParentSpanId()).isEqualTo(agent));
		for (int i = 1; i < steps.size(); i++) {
			assertThat(steps.get(i - 1).getEndEpochNanos()).as(tree).isLessThanOrEqualTo(steps.get(i).getStartEpochNanos());
		}
	}

	/** The LLM span carries one request's usage, as reported: input, output and cache read tokens. */
	private static void assertRound(SpanData llm, long[] reported) {
		String round = llm.getName() + " reported " + Arrays.toString(reported);
		assertThat(llm.getAttributes().get(INPUT)).as(round).isEqualTo(reported[0]);
		assertThat(llm.getAttributes().get(OUTPUT)).as(round).isEqualTo(reported[1]);
		assertThat(llm.getAttributes().get(CascadeAttributes.LLM_INPUT_TOKENS)).as(round).isEqualTo(reported[0]);
		assertThat(llm.getAttributes().get(CascadeAttributes.LLM_OUTPUT_TOKENS)).as(round).isEqualTo(reported[1]);
		if (reported[2] > 0) {
			assertThat(llm.getAttributes().get(CACHE_READ)).as(round).isEqualTo(reported[2]);
		}
		else {
			assertThat(llm.getAttributes().get(CACHE_READ)).as(round).isIn(null, 0L);
		}
		assertThat(llm.getAttributes().get(COST)).as(round).isPositive();
	}

	/**
	 * Three requests of one tool loop: a tool call, another tool call, the answer; each reports its
	 * own usage as input, output and cache read tokens. Streamed rounds read no cache tokens:
	 * Spring AI 2.0.1 aggregates a stream's usage to input, output and total tokens only
	 * ({@code MessageAggregator}), so a streamed LLM span has none to show.
	 */
	private record Rounds(long[][] reported) {

		/**
		 * Cache reads in round two, or in round one where only the first round trip reports cache
		 * tokens (Spring AI 1.1).
		 */
		static Rounds withCacheRead(LlmEmulator emulator) {
			if (!SpringAiTestLine.CACHE_TOKENS_AFTER_FIRST_ROUND) {
				return enqueue(emulator, new long[][] { { 40, 10, 30 }, { 60, 12, 0 }, { 80, 6, 0 } });
			}
			return enqueue(emulator, new long[][] { { 40, 10, 0 }, { 60, 12, 30 }, { 80, 6, 0 } });
		}

		static Rounds withoutCache(LlmEmulator emulator) {
			return enqueue(emulator, new long[][] { { 40, 10, 0 }, { 60, 12, 0 }, { 80, 6, 0 } });
		}

		private static Rounds enqueue(LlmEmulator emulator, long[][] reported) {
			emulator.enqueue(
					ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}")
						.withUsage(reported[0][0], reported[0][1])
						.withCacheUsage(reported[0][2], 0),
					ScriptedReply.toolCall("currentWeather", "{\"city\":\"Rome\"}")
						.withUsage(reported[1][0], reported[1][1])
						.withCacheUsage(reported[1][2], 0),
					ScriptedReply.text("Sunny in both.")
						.withUsage(reported[2][0], reported[2][1])
						.withCacheUsage(reported[2][2], 0));
			return new Rounds(reported);
		}

	}

	enum Provider {

		ANTHROPIC(AnthropicChatAutoConfiguration.class, false), OPENAI(OpenAiChatAutoConfiguration.class, true);

		private final Class<?> autoConfiguration;

		/** Whether the provider counts cached tokens in the input tokens (see {@code TokenUsage}). */
		private final boolean cacheIncludedInInput;

		Provider(Class<?> autoConfiguration, boolean cacheIncludedInInput) {
			this.autoConfiguration = autoConfiguration;
			this.cacheIncludedInInput = cacheIncludedInInput;
		}

		ToolCallingChatOptions options(ToolCallback[] callbacks) {
			return switch (this) {
				case ANTHROPIC -> AnthropicChatOptions.builder().toolCallbacks(callbacks).build();
				case OPENAI -> OpenAiChatOptions.builder().toolCallbacks(callbacks).build();
			};
		}

		ApplicationContextRunner runner(LlmEmulator emulator) {
			return SpringAiFixture.contextRunner(emulator)
				.withConfiguration(AutoConfigurations.of(this.autoConfiguration))
				.withPropertyValues(SpringAiTestLine.OPENAI_STREAM_USAGE);
		}

	}

	static class WeatherTools {

		@Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			return "Sunny in " + city;
		}

	}

}
