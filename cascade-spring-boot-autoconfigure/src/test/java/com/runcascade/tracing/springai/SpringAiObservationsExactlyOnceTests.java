package com.runcascade.tracing.springai;

import java.time.Duration;
import java.util.List;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.llm.ModelPricing;

import static com.runcascade.tracing.InMemoryTracing.isDescendant;
import static com.runcascade.tracing.InMemoryTracing.names;
import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once: with Spring AI's observations, the advisor on, and Spring AI's own spans exported
 * or not, the trace holds one Cascade LLM span per provider request, and tokens and cost are
 * counted once. Spring AI 2.0's models on wrapped SDK clients: {@code SpringAiSdkClientsExactlyOnceTests}.
 */
class SpringAiObservationsExactlyOnceTests {

	private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("llm.input_tokens");

	private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("llm.output_tokens");

	private static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	private static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	private static final AttributeKey<Double> COST = AttributeKey.doubleKey("llm.cost_usd");

	private static final AttributeKey<String> USAGE_REPORTED_BY = AttributeKey.stringKey("llm.usage_reported_by");

	private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

	private static final AttributeKey<String> SPAN_TYPE = CascadeAttributes.SPAN_TYPE;

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner contextRunner = SpringAiFixture.contextRunner(this.emulator)
		.withBean(ModelPricing.class, () -> (provider, model) -> new ModelPricing.Price(3.0, 15.0, 0.3, 3.75))
		.withBean(WeatherTools.class);

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void toolCallingLoopHasOneCascadeLlmSpanPerProviderRequestAndCountsUsageOnce() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}").withUsage(40, 10),
				ScriptedReply.text("Sunny.").withUsage(60, 8));
		this.contextRunner.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class))
			.run((context) -> {
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				WeatherTools tools = context.getBean(WeatherTools.class);
				inAgent(context, () -> chatClient(context).prompt().user("Weather?").tools(tools).call().content());
				assertCountedOnce(this.emulator, exporter, 2, 100L, 18L);
				assertThat(ofType(exporter, "tool")).hasSize(1);
				assertThat(springAiSpans(exporter)).as("Spring AI's own spans are not exported by default").isEmpty();
			});
	}

	@Test
	void streamHasOneCascadeLlmSpanAndCountsUsageOnce() {
		this.emulator.enqueue(ScriptedReply.text("A streamed answer").withUsage(30, 7));
		this.contextRunner.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class))
			.run((context) -> {
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				inAgent(context, () -> chatClient(context).prompt().user("Stream").stream().content().blockLast());
				awaitLlmSpans(exporter, 1);
				assertCountedOnce(this.emulator, exporter, 1, 30L, 7L);
			});
	}

	@Test
	void frameworkSpansBringSpringAiSpansBackWithUsageStillCountedOnce() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}").withUsage(40, 10),
				ScriptedReply.text("Sunny.").withUsage(60, 8), ScriptedReply.text("Streamed.").withUsage(30, 7));
		this.contextRunner.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class))
			.withPropertyValues("cascade.spring-ai.framework-spans=true")
			.run((context) -> {
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				WeatherTools tools = context.getBean(WeatherTools.class);
				inAgent(context, () -> chatClient(context).prompt().user("Weather?").tools(tools).call().content());
				inAgent(context, () -> chatClient(context).prompt().user("Stream").stream().content().blockLast());
				await().atMost(Duration.ofSeconds(5)).until(() -> springAiChatSpans(exporter).size() == 3);
				List<SpanData> llmSpans = ofType(exporter, "llm");
				assertThat(llmSpans).hasSize(3).allSatisfy((llm) -> {
					assertThat(springAiChatSpans(exporter)).filteredOn((chat) -> isDescendant(exporter, llm, chat))
						.hasSize(1);
					assertThat(llm.getAttributes().get(USAGE_REPORTED_BY)).isEqualTo("spring-ai");
					assertThat(llm.getAttributes().get(GEN_AI_INPUT_TOKENS)).isNull();
				});
				assertThat(names(exporter)).contains("spring_ai chat_client");
				// Spring AI 1.1's span of the second round of its in-model tool loop reports the loop's running sum.
				long frameworkInputTokens = SpringAiTestLine.MODEL_RUNS_TOOL_LOOP ? 40 + 100 + 30 : 130L;
				assertThat(sum(exporter, GEN_AI_INPUT_TOKENS.getKey())).isEqualTo(frameworkInputTokens);
				assertThat(sum(exporter, INPUT_TOKENS.getKey())).isEqualTo(130L);
			});
	}

	/**
	 * One Cascade LLM span per provider request; the {@code gen_ai.usage.*} sums over the whole
	 * trace equal what the provider reported, and the cost appears once per request.
	 */
	static void assertCountedOnce(LlmEmulator emulator, InMemorySpanExporter exporter, int requests,
			@Nullable Long inputTokens, @Nullable Long outputTokens) {
		String tree = "spans: " + names(exporter);
		assertThat(emulator.requests()).hasSize(requests);
		List<SpanData> llmSpans = ofType(exporter, "llm");
		assertThat(llmSpans).as(tree).hasSize(requests).allSatisfy((llm) -> {
			assertThat(llm.getAttributes().get(USAGE_REPORTED_BY)).isNull();
			assertThat(llm.getAttributes().get(INPUT_TOKENS)).isPositive();
			assertThat(llm.getAttributes().get(COST)).isPositive();
		});
		assertThat(exporter.getFinishedSpanItems()).filteredOn((span) -> span.getAttributes().get(COST) != null)
			.hasSize(requests);
		if (inputTokens != null) {
			assertThat(sum(exporter, GEN_AI_INPUT_TOKENS.getKey())).isEqualTo(inputTokens);
			assertThat(sum(exporter, INPUT_TOKENS.getKey())).isEqualTo(inputTokens);
		}
		if (outputTokens != null) {
			assertThat(sum(exporter, GEN_AI_OUTPUT_TOKENS.getKey())).isEqualTo(outputTokens);
			assertThat(sum(exporter, OUTPUT_TOKENS.getKey())).isEqualTo(outputTokens);
		}
	}

	/** Spans of Spring AI's own observations, all named {@code spring_ai ...} or {@code chat ...}. */
	private static List<SpanData> springAiSpans(InMemorySpanExporter exporter) {
		return exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getAttributes().get(SPAN_TYPE) == null)
			.filter((span) -> span.getName().startsWith("spring_ai") || span.getName().startsWith("chat ")
					|| span.getName().startsWith("tool_call"))
			.toList();
	}

	/** Spring AI's {@code chat} observations: not Cascade spans, operation {@code chat}. */
	private static List<SpanData> springAiChatSpans(InMemorySpanExporter exporter) {
		return exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> "chat".equals(span.getAttributes().get(OPERATION)))
			.filter((span) -> span.getAttributes().get(SPAN_TYPE) == null)
			.toList();
	}

	static void awaitLlmSpans(InMemorySpanExporter exporter, int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() >= count);
	}

	static ChatClient chatClient(AssertableApplicationContext context) {
		return context.getBean(ChatClient.Builder.class).build();
	}

	private static void inAgent(AssertableApplicationContext context, Runnable body) {
		try (CascadeScope scope = context.getBean(CascadeTracer.class).traceAgent("agent")) {
			body.run();
		}
	}

	static class WeatherTools {

		@Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			return "18 degrees and sunny in " + city;
		}

	}

}
