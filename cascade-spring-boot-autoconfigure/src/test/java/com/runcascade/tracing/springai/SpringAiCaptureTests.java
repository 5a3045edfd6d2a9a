package com.runcascade.tracing.springai;

import java.time.Duration;
import java.util.List;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Spans Cascade records for Spring AI's Anthropic and OpenAI chat models and their tools, read at
 * the model and tool boundary, with the models auto-configured against the provider emulator, on a
 * real OpenTelemetry SDK.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiCaptureTests {

	private static final AttributeKey<String> MODEL = AttributeKey.stringKey("llm.model");

	private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("llm.provider");

	private static final AttributeKey<String> PROMPT = AttributeKey.stringKey("llm.prompt");

	private static final AttributeKey<String> SYSTEM_MESSAGE = AttributeKey.stringKey("llm.system_message");

	private static final AttributeKey<String> MESSAGES = AttributeKey.stringKey("llm.messages");

	private static final AttributeKey<String> COMPLETION = AttributeKey.stringKey("llm.completion");

	private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("llm.input_tokens");

	private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("llm.output_tokens");

	private static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	private static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	private static final AttributeKey<Long> CACHE_READ = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");

	private static final AttributeKey<Boolean> USAGE_REPORTED = AttributeKey.booleanKey("llm.usage_reported");

	private static final AttributeKey<Boolean> STREAMING = AttributeKey.booleanKey("llm.streaming");

	private static final AttributeKey<Boolean> CLOSED_EARLY = AttributeKey.booleanKey("llm.stream_closed_early");

	private static final AttributeKey<Double> TIME_TO_FIRST_TOKEN = AttributeKey
		.doubleKey("llm.time_to_first_token_ms");

	private static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("llm.max_tokens");

	private static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("llm.temperature");

	private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	private static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

	private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	private static final AttributeKey<String> AGENT_NAME = CascadeAttributes.AGENT_NAME;

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner contextRunner = SpringAiFixture.contextRunner(this.emulator)
		.withBean(WeatherTools.class);

	private final ApplicationContextRunner anthropic = this.contextRunner
		.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class));

	private final ApplicationContextRunner openAi = this.contextRunner
		.withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class))
		.withPropertyValues(SpringAiTestLine.OPENAI_STREAM_USAGE);

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void callIsRecordedAsOneLlmSpanWithPromptCompletionAndUsage() {
		this.emulator.enqueue(ScriptedReply.text("Bonjour!").withUsage(12, 5).withCacheUsage(30, 0));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String answer = inAgent(context, "greeter",
					() -> chatClient(context).prompt().system("Answer in French.").user("Say hello").call().content());
			assertThat(answer).isEqualTo("Bonjour!");
			SpanData agent = span(exporter, "greeter");
			assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.getName()).isEqualTo("llm.claude-sonnet-4-5");
				assertThat(llm.getKind()).isEqualTo(SpanKind.CLIENT);
				assertThat(llm.getParentSpanId()).isEqualTo(agent.getSpanId());
				assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
				assertThat(llm.getAttributes().get(PROVIDER)).isEqualTo("anthropic");
				assertThat(llm.getAttributes().get(MODEL)).isEqualTo("claude-sonnet-4-5");
				assertThat(llm.getAttributes().get(AGENT_NAME)).isEqualTo("greeter");
				assertThat(llm.getAttributes().get(STREAMING)).isFalse();
				assertThat(llm.getAttributes().get(SYSTEM_MESSAGE)).isEqualTo("Answer in French.");
				assertThat(llm.getAttributes().get(PROMPT)).isEqualTo("Say hello");
				assertThat(llm.getAttributes().get(COMPLETION)).isEqualTo("Bonjour!");
				assertThat(llm.getAttributes().get(INPUT_TOKENS)).isEqualTo(12);
				assertThat(llm.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(5);
				assertThat(llm.getAttributes().get(GEN_AI_INPUT_TOKENS)).isEqualTo(12);
				assertThat(llm.getAttributes().get(GEN_AI_OUTPUT_TOKENS)).isEqualTo(5);
				assertThat(llm.getAttributes().get(CACHE_READ)).isEqualTo(30);
				assertThat(llm.getAttributes().get(AttributeKey.longKey("llm.total_tokens"))).isEqualTo(47);
				assertThat(llm.getAttributes().get(RESPONSE_MODEL)).isEqualTo("claude-sonnet-4-5");
				assertThat(llm.getAttributes().get(RESPONSE_ID)).startsWith("msg_");
				assertThat(llm.getAttributes().get(FINISH_REASONS)).containsExactly("end_turn");
			});
		});
	}

	@Test
	void requestOptionsAreRecorded() {
		this.anthropic
			.withPropertyValues(SpringAiTestLine.chatOption("anthropic", "max-tokens=256"),
					SpringAiTestLine.chatOption("anthropic", "temperature=0.2"))
			.run((context) -> {
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				chatClient(context).prompt().user("Hi").call().content();
				assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
					assertThat(llm.getAttributes().get(MAX_TOKENS)).isEqualTo(256);
					assertThat(llm.getAttributes().get(TEMPERATURE)).isEqualTo(0.2);
				});
			});
	}

	@Test
	void openAiCallIsRecordedWithItsProvider() {
		this.emulator.enqueue(ScriptedReply.text("Hello there").withUsage(20, 3));
		this.openAi.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(chatClient(context).prompt().user("Hi").call().content()).isEqualTo("Hello there");
			assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.getName()).isEqualTo("llm.gpt-4o-mini");
				assertThat(llm.getAttributes().get(PROVIDER)).isEqualTo("openai");
				assertThat(llm.getAttributes().get(INPUT_TOKENS)).isEqualTo(20);
				assertThat(llm.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(3);
				assertThat(llm.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
				assertThat(llm.getAttributes().get(RESPONSE_ID)).isNotBlank();
			});
		});
	}

	@Test
	void toolCallingLoopIsRecordedAsLlmToolLlmSiblingsUnderTheAgent() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}").withUsage(40, 10),
				ScriptedReply.text("It is sunny in Paris.").withUsage(60, 8));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			WeatherTools tools = context.getBean(WeatherTools.class);
			String answer = inAgent(context, "weather-agent",
					() -> chatClient(context).prompt().user("Weather in Paris?").tools(tools).call().content());
			assertThat(answer).isEqualTo("It is sunny in Paris.");
			SpanData agent = span(exporter, "weather-agent");
			List<SpanData> llm = ofType(exporter, "llm");
			List<SpanData> tool = ofType(exporter, "tool");
			assertThat(llm).hasSize(2);
			assertThat(tool).singleElement().satisfies((span) -> assertThat(span.getName()).isEqualTo("currentWeather"));
			assertThat(List.of(llm.get(0), tool.get(0), llm.get(1)))
				.allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(agent.getSpanId()))
				.isSortedAccordingTo((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()));
			assertThat(llm.get(0).getEndEpochNanos()).isLessThanOrEqualTo(tool.get(0).getStartEpochNanos());
			assertThat(tool.get(0).getEndEpochNanos()).isLessThanOrEqualTo(llm.get(1).getStartEpochNanos());
			assertThat(llm.get(0).getAttributes().get(COMPLETION)).isEqualTo("[tool_use currentWeather {\"city\":\"Paris\"}]");
			assertThat(llm.get(0).getAttributes().get(FINISH_REASONS)).containsExactly("tool_use");
			assertThat(llm.get(0).getAttributes().get(INPUT_TOKENS)).isEqualTo(40);
			assertThat(llm.get(1).getAttributes().get(INPUT_TOKENS)).isEqualTo(60);
			assertThat(llm.get(1).getAttributes().get(MESSAGES)).contains("[tool_use currentWeather {")
				.containsPattern("\\[tool_result [^\\]]+\\] 18 degrees and sunny in Paris");
		});
	}

	@Test
	void streamPassesChunksOnAndRecordsUsageAndFirstToken() {
		this.emulator.enqueue(ScriptedReply.text("One two three four").withUsage(9, 4));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			List<String> chunks = chatClient(context).prompt().user("Count").stream().content().collectList().block();
			assertThat(chunks).hasSizeGreaterThan(1);
			assertThat(String.join("", chunks)).isEqualTo("One two three four");
			assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
				assertThat(llm.getAttributes().get(STREAMING)).isTrue();
				assertThat(llm.getAttributes().get(COMPLETION)).isEqualTo("One two three four");
				assertThat(llm.getAttributes().get(INPUT_TOKENS)).isEqualTo(9);
				assertThat(llm.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(4);
				assertThat(llm.getAttributes().get(TIME_TO_FIRST_TOKEN)).isPositive();
				assertThat(llm.getAttributes().get(FINISH_REASONS)).containsExactly("end_turn");
			});
		});
	}

	@Test
	void openAiStreamRecordsUsageFromTheChunkThatCarriesIt() {
		this.emulator.enqueue(ScriptedReply.text("Streaming with usage").withUsage(15, 6));
		this.openAi.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String answer = String.join("", chatClient(context).prompt().user("Go").stream().content().collectList().block());
			assertThat(answer).isEqualTo("Streaming with usage");
			// With no agent around it, nothing requires the span to have ended before the caller got the result.
			await().atMost(Duration.ofSeconds(5)).until(() -> !ofType(exporter, "llm").isEmpty());
			assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.getAttributes().get(PROVIDER)).isEqualTo("openai");
				assertThat(llm.getAttributes().get(INPUT_TOKENS)).isEqualTo(15);
				assertThat(llm.getAttributes().get(OUTPUT_TOKENS)).isEqualTo(6);
				assertThat(llm.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
			});
		});
	}

	@Test
	void streamWithoutUsageRecordsNoUsage() {
		this.emulator.enqueue(ScriptedReply.text("No usage here").withoutUsage());
		this.openAi.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String answer = String.join("", chatClient(context).prompt().user("Go").stream().content().collectList().block());
			assertThat(answer).isEqualTo("No usage here");
			assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.getAttributes().get(USAGE_REPORTED)).isFalse();
				assertThat(llm.getAttributes().get(INPUT_TOKENS)).isNull();
				assertThat(llm.getAttributes().get(GEN_AI_INPUT_TOKENS)).isNull();
				assertThat(llm.getAttributes().get(COMPLETION)).isEqualTo("No usage here");
			});
		});
	}

	@Test
	void streamCancelledAfterTheFirstChunkEndsTheSpan() {
		this.emulator.enqueue(ScriptedReply.text("a long answer that the caller stops reading early")
			.withChunkDelay(Duration.ofMillis(20)));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String first = chatClient(context).prompt().user("Talk").stream().content().take(1).blockFirst();
			assertThat(first).isNotEmpty();
			await().atMost(Duration.ofSeconds(5)).until(() -> !ofType(exporter, "llm").isEmpty());
			assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.getAttributes().get(CLOSED_EARLY)).isTrue();
				assertThat(llm.getAttributes().get(TIME_TO_FIRST_TOKEN)).isPositive();
			});
		});
	}

	@Test
	void providerErrorFailsTheSpanAndReachesTheCaller() {
		this.emulator.enqueue(ScriptedReply.error(500, "The model is overloaded"));
		this.anthropic.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThatException().isThrownBy(() -> chatClient(context).prompt().user("Hi").call().content())
				.withMessageContaining("The model is overloaded");
			assertThat(ofType(exporter, "llm")).singleElement().satisfies((llm) -> {
				assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
				assertThat(llm.getAttributes().get(ERROR_TYPE)).isNotBlank();
				assertThat(llm.getEvents()).anySatisfy((event) -> assertThat(event.getName()).isEqualTo("exception"));
			});
		});
	}

	@Test
	void streamErrorFailsTheSpanAndReachesTheSubscriber() {
		this.emulator.enqueue(ScriptedReply.error(500, "Stream refused"));
		this.openAi.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThatException()
				.isThrownBy(() -> chatClient(context).prompt().user("Hi").stream().content().collectList().block())
				.satisfies((error) -> assertThat(SpringAiTestLine.errorText(error)).contains("Stream refused"));
			// The model stops its observation, which ends the span, in doFinally: after the subscriber got the error.
			await().atMost(Duration.ofSeconds(5)).until(() -> !ofType(exporter, "llm").isEmpty());
			assertThat(ofType(exporter, "llm")).singleElement()
				.satisfies((llm) -> assertThat(llm.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
		});
	}

	@Test
	void withContentCaptureOffOnlyCountsAndTimingsAreRecorded() {
		this.emulator.enqueue(ScriptedReply.text("secret answer").withUsage(7, 3),
				ScriptedReply.text("another secret").withUsage(8, 2));
		this.anthropic.withPropertyValues("cascade.capture-content=false").run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			chatClient(context).prompt().system("secret system").user("secret question").call().content();
			chatClient(context).prompt().user("secret question").stream().content().blockLast();
			assertThat(ofType(exporter, "llm")).hasSize(2).allSatisfy((llm) -> {
				assertThat(llm.getAttributes().get(PROMPT)).isNull();
				assertThat(llm.getAttributes().get(SYSTEM_MESSAGE)).isNull();
				assertThat(llm.getAttributes().get(MESSAGES)).isNull();
				assertThat(llm.getAttributes().get(COMPLETION)).isNull();
				assertThat(llm.getAttributes().get(INPUT_TOKENS)).isPositive();
			});
			assertThat(ofType(exporter, "llm").get(1).getAttributes().get(TIME_TO_FIRST_TOKEN)).isPositive();
		});
	}

	@Test
	void llmSpansDoNotDependOnTheAdvisor() {
		this.anthropic.withPropertyValues("cascade.spring-ai.advisor.enabled=false").run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(context).doesNotHaveBean(CascadeChatClientAdvisor.class);
			chatClient(context).prompt().user("Hi").call().content();
			chatClient(context).prompt().user("Hi").stream().content().blockLast();
			await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() == 2);
		});
	}

	@Test
	void advisorOrderedOutsideTheToolCallingLoopWarnsAndTheSpansStayPerRoundTrip(CapturedOutput output) {
		assumeFalse(SpringAiTestLine.MODEL_RUNS_TOOL_LOOP, "Spring AI 2.0's ToolCallingAdvisor");
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny."));
		this.anthropic.withPropertyValues("cascade.spring-ai.advisor.enabled=false").run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			CascadeChatClientAdvisor outside = new CascadeChatClientAdvisor(SpringAiTestLine.toolCallingAdvisorOrder() - 1);
			ChatClient chatClient = context.getBean(ChatClient.Builder.class).defaultAdvisors(outside).build();
			chatClient.prompt().user("Weather?").tools(context.getBean(WeatherTools.class)).call().content();
			assertThat(this.emulator.requests()).hasSize(2);
			assertThat(ofType(exporter, "llm")).hasSize(2);
			assertThat(ofType(exporter, "tool")).hasSize(1);
			assertThat(output).contains("runs outside Tool Calling Advisor");
		});
	}

	private static ChatClient chatClient(AssertableApplicationContext context) {
		return context.getBean(ChatClient.Builder.class).build();
	}

	private static <T> T inAgent(AssertableApplicationContext context, String agent, java.util.function.Supplier<T> body) {
		try (CascadeScope scope = context.getBean(CascadeTracer.class).traceAgent(agent)) {
			return body.get();
		}
	}

	static class WeatherTools {

		@Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			return "18 degrees and sunny in " + city;
		}

	}

}
