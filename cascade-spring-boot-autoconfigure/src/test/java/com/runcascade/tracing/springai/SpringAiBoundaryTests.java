package com.runcascade.tracing.springai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.span;
import static com.runcascade.tracing.InMemoryTracing.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Spring AI at its boundary, as users write it: the prompt as sent, direct model calls, every way of
 * defining and running a tool, streamed tool loops with memory, the shape and size of the trace,
 * and the totals on runs and agents.
 */
class SpringAiBoundaryTests {

	private static final AttributeKey<String> PROMPT = AttributeKey.stringKey("llm.prompt");

	private static final AttributeKey<String> TOOLS = AttributeKey.stringKey("llm.tools");

	private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("llm.provider");

	private static final AttributeKey<String> AGENT_NAME = CascadeAttributes.AGENT_NAME;

	private static final AttributeKey<String> SPAN_TYPE = CascadeAttributes.SPAN_TYPE;

	private static final AttributeKey<String> SESSION_ID = CascadeAttributes.SESSION_ID;

	private static final AttributeKey<String> TOOL_INPUT = AttributeKey.stringKey("tool.input");

	private static final AttributeKey<String> TOOL_OUTPUT = AttributeKey.stringKey("tool.output");

	private static final AttributeKey<String> TOOL_ERROR = AttributeKey.stringKey("tool.error");

	private static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("tool.description");

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner anthropic = SpringAiFixture.contextRunner(this.emulator)
		.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class));

	private final ApplicationContextRunner openAi = SpringAiFixture.contextRunner(this.emulator)
		.withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class))
		.withPropertyValues(SpringAiTestLine.OPENAI_STREAM_USAGE);

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void entityCallRecordsThePromptAsSentWithSpringAisFormatInstructions() {
		this.emulator.enqueue(ScriptedReply.text("{\"name\":\"Paris\",\"country\":\"France\"}"));
		this.openAi.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			City city = chatClient(context).prompt().user("Which city has the Eiffel tower?").call().entity(City.class);
			assertThat(city).isEqualTo(new City("Paris", "France"));
			String sent = this.emulator.lastRequest().json().at("/messages/0/content").asText();
			assertThat(sent).contains("Which city has the Eiffel tower?").contains("\"$schema\"");
			assertThat(ofType(exporter, "llm")).singleElement()
				.satisfies((llm) -> assertThat(llm.getAttributes().get(PROMPT)).isEqualTo(sent));
		});
	}

	@Test
	void directAnthropicChatModelCallsAndStreamsAreRecorded() {
		this.emulator.enqueue(ScriptedReply.text("one").withUsage(3, 1), ScriptedReply.text("two").withUsage(4, 1));
		this.anthropic.run((context) -> assertDirectModelCallsAreRecorded(context, "anthropic"));
	}

	@Test
	void directOpenAiChatModelCallsAndStreamsAreRecorded() {
		this.emulator.enqueue(ScriptedReply.text("one").withUsage(3, 1), ScriptedReply.text("two").withUsage(4, 1));
		this.openAi.run((context) -> assertDirectModelCallsAreRecorded(context, "openai"));
	}

	private static void assertDirectModelCallsAreRecorded(AssertableApplicationContext context, String provider) {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		ChatModel model = context.getBean(ChatModel.class);
		inAgent(context, "direct", () -> {
			assertThat(model.call(new Prompt("Hi")).getResult().getOutput().getText()).isEqualTo("one");
			return model.stream(new Prompt("Hi again")).collectList().block();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() == 2);
		SpanData agent = span(exporter, "direct");
		assertThat(ofType(exporter, "llm")).allSatisfy((llm) -> {
			assertThat(llm.getAttributes().get(PROVIDER)).isEqualTo(provider);
			assertThat(llm.getAttributes().get(AttributeKey.longKey("llm.input_tokens"))).isPositive();
			assertThat(llm.getParentSpanId()).isEqualTo(agent.getSpanId());
		});
	}

	@Test
	void toolsOnPlainObjectsAndFunctionCallbacksAreRecordedAndOffered() {
		this.emulator.enqueue(
				ScriptedReply.toolCall("currentWeather", "{\"city\":\"Oslo\"}")
					.andToolCall("convertTemperature", "{\"celsius\":18}"),
				ScriptedReply.text("18 C, 64 F."));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			FunctionToolCallback<Celsius, String> converter = FunctionToolCallback
				.builder("convertTemperature", (Celsius c) -> Math.round(c.celsius() * 9 / 5 + 32) + " F")
				.description("Convert Celsius to Fahrenheit")
				.inputType(Celsius.class)
				.build();
			String answer = chatClient(context).prompt()
				.user("Weather in Oslo, in F?")
				.tools(new PlainTools())
				.toolCallbacks(converter)
				.call()
				.content();
			assertThat(answer).isEqualTo("18 C, 64 F.");
			List<SpanData> tools = ofType(exporter, "tool");
			assertThat(tools).extracting(SpanData::getName).containsExactly("currentWeather", "convertTemperature");
			assertThat(tools.get(0).getAttributes().get(TOOL_INPUT)).isEqualTo("{\"city\":\"Oslo\"}");
			assertThat(tools.get(0).getAttributes().get(TOOL_OUTPUT)).contains("18 degrees in Oslo");
			assertThat(tools.get(0).getAttributes().get(TOOL_DESCRIPTION)).isEqualTo("The current weather in a city");
			assertThat(tools.get(1).getAttributes().get(TOOL_OUTPUT)).contains("64 F");
			assertThat(ofType(exporter, "llm")).hasSize(2)
				.allSatisfy((llm) -> assertThat(llm.getAttributes().get(TOOLS))
					.contains("{\"name\":\"currentWeather\",\"description\":\"The current weather in a city\"}")
					.contains("{\"name\":\"convertTemperature\",\"description\":\"Convert Celsius to Fahrenheit\"}"));
		});
	}

	@Test
	void offeredToolsAreNamesOnlyWhenContentIsNotCaptured() {
		this.anthropic.withPropertyValues("cascade.capture-content=false").run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			chatClient(context).prompt().user("Hi").tools(new PlainTools()).call().content();
			assertThat(ofType(exporter, "llm")).isNotEmpty()
				.allSatisfy((llm) -> assertThat(llm.getAttributes().get(TOOLS)).isEqualTo("[{\"name\":\"currentWeather\"}]"));
		});
	}

	@Test
	void aPackagePrivateToolBeanIsNeverProxiedAndKeepsWorking() {
		this.emulator.enqueue(ScriptedReply.toolCall("lookupOrder", "{\"id\":\"42\"}"), ScriptedReply.text("Shipped."));
		this.anthropic.withBean(HiddenTools.class).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			HiddenTools tools = context.getBean(HiddenTools.class);
			assertThat(AopUtils.isAopProxy(tools)).isFalse();
			assertThat(chatClient(context).prompt().user("Order 42?").tools(tools).call().content())
				.isEqualTo("Shipped.");
			assertThat(ofType(exporter, "tool")).singleElement()
				.satisfies((tool) -> assertThat(tool.getAttributes().get(TOOL_OUTPUT)).contains("order 42 shipped"));
		});
	}

	@Test
	void aFailingToolIsRecordedAsFailedWhileTheModelGetsTheError() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Atlantis\"}"),
				ScriptedReply.text("I could not find it."));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(chatClient(context).prompt().user("Weather?").tools(new PlainTools()).call().content())
				.isEqualTo("I could not find it.");
			assertThat(this.emulator.requests().get(1).body()).contains("No such city: Atlantis");
			assertThat(ofType(exporter, "tool")).singleElement().satisfies((tool) -> {
				assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
				assertThat(tool.getAttributes().get(TOOL_ERROR))
					.isEqualTo("IllegalArgumentException: No such city: Atlantis");
			});
		});
	}

	@Test
	void toolsRunByTheUsersOwnToolCallingManagerAreRecorded() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Rome\"}"));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			ToolCallingManager manager = ToolCallingManager.builder()
				.observationRegistry(context.getBean(ObservationRegistry.class))
				.build();
			Prompt prompt = new Prompt("Weather in Rome?",
					SpringAiTestLine.callerRunsTools(org.springframework.ai.support.ToolCallbacks.from(new PlainTools())));
			ToolExecutionResult result = inAgent(context, "manual", () -> {
				ChatResponse response = context.getBean(ChatModel.class).call(prompt);
				return manager.executeToolCalls(prompt, response);
			});
			assertThat(result.conversationHistory()).isNotEmpty();
			SpanData agent = span(exporter, "manual");
			assertThat(ofType(exporter, "tool")).singleElement()
				.satisfies((tool) -> assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId()));
		});
	}

	@Test
	void toolsRunByAToolCallingAdvisorWithoutAnObservationRegistryAreRecordedOnce() {
		assumeFalse(SpringAiTestLine.MODEL_RUNS_TOOL_LOOP, "Spring AI 2.0's ToolCallingAdvisor");
		// Spring AI's examples build the advisor so; its ToolCallingManager then observes nothing.
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny."), ScriptedReply.toolCall("currentWeather", "{\"city\":\"Atlantis\"}"),
				ScriptedReply.text("No such city."));
		this.openAi.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			ChatClient chatClient = context.getBean(ChatClient.Builder.class)
				.defaultAdvisors(SpringAiTestLine.unobservedToolLoop())
				.build();
			inRunAndAgent(context, () -> chatClient.prompt().user("Weather in Paris?").tools(new PlainTools()).call().content());
			inRunAndAgent(context, () -> String.join("", chatClient.prompt()
				.user("Weather in Atlantis?")
				.tools(new PlainTools())
				.stream()
				.content()
				.collectList()
				.block()));
			String tree = tree(exporter);
			List<SpanData> tools = ofType(exporter, "tool");
			assertThat(tools).as(tree).hasSize(2);
			Map<String, SpanData> byId = byId(exporter.getFinishedSpanItems());
			assertThat(tools).allSatisfy((tool) -> {
				assertThat(byId.get(tool.getParentSpanId()).getName()).as(tree).isEqualTo("agent");
				assertThat(tool.getAttributes().get(TOOL_INPUT)).startsWith("{\"city\":");
			});
			assertThat(tools.get(0).getAttributes().get(TOOL_OUTPUT)).isEqualTo("18 degrees in Paris");
			assertThat(tools.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span(exporter, "run").getAttributes().get(AttributeKey.longKey("cascade.usage.tool_calls")))
				.isNotNull();
		});
	}

	@Test
	void aChatClientRoundTripExportsOnlyConceptSpansBetweenTheAgentAndTheModel() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny."));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			inRunAndAgent(context, () -> chatClient(context).prompt()
				.user("Weather?")
				.tools(new PlainTools())
				.advisors(new org.springframework.ai.chat.client.advisor.SimpleLoggerAdvisor())
				.call()
				.content());
			List<SpanData> spans = exporter.getFinishedSpanItems();
			Map<String, SpanData> byId = byId(spans);
			List<String> cascadeTypes = spans.stream()
				.map((span) -> span.getAttributes().get(SPAN_TYPE))
				.filter(Objects::nonNull)
				.toList();
			assertThat(cascadeTypes).containsExactlyInAnyOrder("function", "agent", "llm", "tool", "llm");
			// Anything else is an HTTP client span right below the LLM span it serves.
			assertThat(spans).filteredOn((span) -> span.getAttributes().get(SPAN_TYPE) == null)
				.allSatisfy((http) -> assertThat(byId.get(http.getParentSpanId()).getAttributes().get(SPAN_TYPE))
					.isEqualTo("llm"))
				.hasSizeLessThanOrEqualTo(2);
		});
	}

	@Test
	void insideAnHttpServerRequestTheModelsHttpCallsNestUnderTheLlmSpans() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny."));
		this.anthropic.withConfiguration(AutoConfigurations.of(SpringAiTestLine.HTTP_CLIENT_OBSERVATIONS)).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			io.micrometer.observation.Observation request = io.micrometer.observation.Observation
				.start("http.server.requests", registry);
			try (io.micrometer.observation.Observation.Scope scope = request.openScope()) {
				inRunAndAgent(context,
						() -> chatClient(context).prompt().user("Weather?").tools(new PlainTools()).call().content());
			}
			request.stop();
			List<SpanData> spans = exporter.getFinishedSpanItems();
			Map<String, SpanData> byId = byId(spans);
			String tree = tree(exporter);
			assertThat(spans).as(tree)
				.filteredOn((span) -> span.getName().equals(SpringAiTestLine.HTTP_CLIENT_SPAN))
				.hasSize(2)
				.allSatisfy((http) -> assertThat(byId.get(http.getParentSpanId()).getAttributes().get(SPAN_TYPE))
					.as(tree)
					.isEqualTo("llm"));
		});
	}

	@Test
	void aStreamedToolLoopWithMemoryStaysInTheRunWithNoExtraSettings() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}").withUsage(40, 10),
				ScriptedReply.text("Sunny in Paris.").withUsage(60, 8),
				ScriptedReply.text("Still sunny.").withUsage(70, 4));
		this.openAi.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			ChatMemory memory = MessageWindowChatMemory.builder().build();
			ChatClient chatClient = context.getBean(ChatClient.Builder.class)
				.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
				.build();
			inRunAndAgent(context, () -> {
				for (String question : List.of("Weather in Paris?", "And now?")) {
					String answer = String.join("", chatClient.prompt()
						.user(question)
						.tools(new PlainTools())
						.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "conversation-7"))
						.stream()
						.content()
						.collectList()
						.block());
					assertThat(answer).isNotBlank();
				}
				return null;
			});
			List<SpanData> spans = exporter.getFinishedSpanItems();
			Map<String, SpanData> byId = byId(spans);
			SpanData run = span(exporter, "run");
			String tree = tree(exporter);
			assertThat(ofType(exporter, "llm")).as(tree).hasSize(3);
			assertThat(ofType(exporter, "tool")).as(tree).hasSize(1);
			assertThat(spans).allSatisfy((span) -> {
				assertThat(span.getTraceId()).as(span.getName()).isEqualTo(run.getTraceId());
				if (span != run) {
					SpanData parent = byId.get(span.getParentSpanId());
					assertThat(parent).as("parent of " + span.getName()).isNotNull();
					assertThat(span.getEndEpochNanos()).as(span.getName() + " ends before its parent")
						.isLessThanOrEqualTo(parent.getEndEpochNanos());
					assertThat(span.getAttributes().get(AGENT_NAME)).as(span.getName()).isEqualTo("agent");
				}
			});
			assertThat(ofType(exporter, "llm")).allSatisfy(
					(llm) -> assertThat(llm.getAttributes().get(SESSION_ID)).isEqualTo("conversation-7"));
			assertThat(this.emulator.requests().get(2).body()).contains("Weather in Paris?");
		});
	}

	@Test
	void runsAndAgentsCarryTheSumsOfTheirSubtree() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}").withUsage(40, 10),
				ScriptedReply.text("Sunny.").withUsage(60, 8), ScriptedReply.text("Done.").withUsage(5, 2));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			CascadeTracer tracer = context.getBean(CascadeTracer.class);
			try (CascadeScope run = tracer.traceRun("run"); CascadeScope outer = tracer.traceAgent("outer")) {
				chatClient(context).prompt().user("Weather?").tools(new PlainTools()).call().content();
				try (CascadeScope inner = tracer.traceAgent("inner")) {
					chatClient(context).prompt().user("Summarise").stream().content().blockLast();
				}
			}
			assertTotals(span(exporter, "inner"), 1, 0, 5, 2);
			assertTotals(span(exporter, "outer"), 3, 1, 105, 20);
			assertTotals(span(exporter, "run"), 3, 1, 105, 20);
			double llmCost = ofType(exporter, "llm")
				.stream()
				.mapToDouble((llm) -> llm.getAttributes().get(AttributeKey.doubleKey("llm.cost_usd")))
				.sum();
			assertThat(span(exporter, "run").getAttributes().get(AttributeKey.doubleKey("cascade.usage.cost_usd")))
				.isCloseTo(llmCost, org.assertj.core.data.Offset.offset(1e-12))
				.isPositive();
		});
	}

	private static void assertTotals(SpanData span, long llmCalls, long toolCalls, long input, long output) {
		assertThat(span.getAttributes().get(AttributeKey.longKey("cascade.usage.llm_calls"))).isEqualTo(llmCalls);
		assertThat(span.getAttributes().get(AttributeKey.longKey("cascade.usage.tool_calls"))).isEqualTo(toolCalls);
		assertThat(span.getAttributes().get(AttributeKey.longKey("cascade.usage.input_tokens"))).isEqualTo(input);
		assertThat(span.getAttributes().get(AttributeKey.longKey("cascade.usage.output_tokens"))).isEqualTo(output);
		assertThat(span.getAttributes().get(AttributeKey.longKey("cascade.usage.total_tokens")))
			.isEqualTo(input + output);
	}

	private static Map<String, SpanData> byId(List<SpanData> spans) {
		Map<String, SpanData> byId = new HashMap<>();
		spans.forEach((span) -> byId.put(span.getSpanId(), span));
		return byId;
	}

	private static ChatClient chatClient(AssertableApplicationContext context) {
		return context.getBean(ChatClient.Builder.class).build();
	}

	private static <T> T inAgent(AssertableApplicationContext context, String agent, Supplier<T> body) {
		try (CascadeScope scope = context.getBean(CascadeTracer.class).traceAgent(agent)) {
			return body.get();
		}
	}

	private static <T> T inRunAndAgent(AssertableApplicationContext context, Supplier<T> body) {
		CascadeTracer tracer = context.getBean(CascadeTracer.class);
		try (CascadeScope run = tracer.traceRun("run"); CascadeScope agent = tracer.traceAgent("agent")) {
			return body.get();
		}
	}

	record City(String name, String country) {
	}

	record Celsius(double celsius) {
	}

	/** Tools on a plain object, as Spring AI's documentation writes them. */
	static class PlainTools {

		@Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			if (city.equals("Atlantis")) {
				throw new IllegalArgumentException("No such city: " + city);
			}
			return "18 degrees in " + city;
		}

	}

	/** A package-private tool class with a public method, registered as a bean. */
	static class HiddenTools {

		private final List<String> calls = new ArrayList<>();

		@Tool(description = "Look an order up")
		public String lookupOrder(String id) {
			this.calls.add(id);
			return "order " + id + " shipped";
		}

	}

}
