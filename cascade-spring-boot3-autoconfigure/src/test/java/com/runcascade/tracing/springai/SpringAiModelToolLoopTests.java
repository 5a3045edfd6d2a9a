package com.runcascade.tracing.springai;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.span;
import static com.runcascade.tracing.InMemoryTracing.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring AI 1.1 only: its chat models run the tool loop themselves, and in {@code stream()} start the
 * tool calls and the next round trip inside the round trip's observation, which stays open until the
 * whole stream ends. The shared tests cover the application's tool calling manager bean, which
 * Cascade wraps to end each round trip with the response that asks for tools; these cover a model
 * built with a manager of its own.
 */
class SpringAiModelToolLoopTests {

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner runner = SpringAiFixture.contextRunner(this.emulator)
		.withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class));

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void theToolCallingManagerBeanIsWrappedToSeeEachRoundTripsResponse() {
		this.runner.run((context) -> assertThat(context.getBean(ToolCallingManager.class))
			.isInstanceOf(ToolRoundRecorder.class));
	}

	@Test
	void aStreamedLoopWithAManagerThatIsNoBeanStillHasOneLlmSpanPerRoundTripNextToTheTools() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.toolCall("currentWeather", "{\"city\":\"Rome\"}"), ScriptedReply.text("Sunny in both."));
		this.runner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			ChatModel model = OpenAiChatModel.builder()
				.openAiApi(OpenAiApi.builder()
					.baseUrl(SpringAiTestLine.openAiBaseUrl(this.emulator.openAiBaseUrl()))
					.apiKey("test")
					.build())
				.defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
				.toolCallingManager(ToolCallingManager.builder().observationRegistry(registry).build())
				.observationRegistry(registry)
				.build();
			Prompt prompt = new Prompt("Weather in Paris and Rome?",
					OpenAiChatOptions.builder().toolCallbacks(ToolCallbacks.from(new Tools())).build());
			List<String> answer;
			try (CascadeScope run = Cascade.traceRun("run")) {
				answer = model.stream(prompt).mapNotNull((chunk) -> chunk.getResult().getOutput().getText()).collectList().block();
			}
			assertThat(answer).isNotNull();
			assertThat(String.join("", answer)).isEqualTo("Sunny in both.");
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() == 3);
			String tree = tree(exporter);
			String run = span(exporter, "run").getSpanId();
			List<SpanData> steps = Stream.concat(ofType(exporter, "llm").stream(), ofType(exporter, "tool").stream())
				.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
				.toList();
			assertThat(steps).as(tree)
				.extracting((step) -> step.getAttributes().get(CascadeAttributes.SPAN_TYPE))
				.containsExactly("llm", "tool", "llm", "tool", "llm");
			assertThat(steps).as(tree).allSatisfy((step) -> assertThat(step.getParentSpanId()).isEqualTo(run));
			for (int i = 1; i < steps.size(); i++) {
				assertThat(steps.get(i - 1).getEndEpochNanos()).as(tree)
					.isLessThanOrEqualTo(steps.get(i).getStartEpochNanos());
			}
			assertThat(steps.get(4).getAttributes().get(CascadeAttributes.LLM_COMPLETION)).isEqualTo("Sunny in both.");
		});
	}

	static class Tools {

		@Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			return "Sunny in " + city;
		}

	}

}
