package com.runcascade.tracing.springai;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingAwareMeterObservationHandler;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.memory.MessageWindowChatMemory;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring AI with Boot's metrics next to its tracing, as in any application with actuator: Boot then
 * wraps each meter handler in Micrometer's {@link TracingAwareMeterObservationHandler}, whose
 * {@code onStop} requires a {@code TracingContext} on every observation. Every observation Cascade's
 * handler takes (ChatClient and advisor layers, model calls, tools, the SDK's orphaned HTTP call of
 * a stream) must leave one, or the user's call fails.
 */
class SpringAiWithBootMetricsTests {

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner withMetrics = SpringAiFixture.contextRunner(this.emulator)
		.withConfiguration(AutoConfigurations.of(BootLine.METRICS,
				BootLine.COMPOSITE_METER_REGISTRY, BootLine.SIMPLE_METRICS_EXPORT));

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void bootWrapsItsMeterHandlersForTracingSoTheseTestsSeeTheRealChain() {
		this.withMetrics.withConfiguration(AutoConfigurations.of(OpenAiChatAutoConfiguration.class)).run((context) -> {
			assertThat(context).hasSingleBean(MeterRegistry.class);
			assertThat(context.getBeansOfType(ObservationHandler.class).values())
				.anyMatch((handler) -> handler.getClass().getName().contains("TracingAndMeterObservationHandlerGroup")
						|| handler instanceof TracingAwareMeterObservationHandler<?>
						|| handler.getClass().getName().contains("MeterObservationHandler"));
			assertThat(context.getBean(ObservationRegistry.class).observationConfig()).isNotNull();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "openai", "anthropic" })
	void aChatClientCallOutsideAnyRunWorksAndIsOneTrace(String provider) {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny in Paris."));
		runner(provider).run((context) -> {
			String answer = chatClient(context).prompt().user("Weather in Paris?").tools(new Tools()).call().content();
			assertThat(answer).isEqualTo("Sunny in Paris.");
			List<SpanData> spans = spans(context);
			String tree = tree(exporter(context));
			assertThat(spans.stream().map(SpanData::getTraceId).distinct()).as(tree).hasSize(1);
			SpanData run = spans.stream()
				.filter((span) -> !span.getParentSpanContext().isValid())
				.findFirst()
				.orElseThrow();
			assertThat(run.getName()).as(tree).isEqualTo(SpringAiSpans.CHAT_CLIENT_RUN);
			assertThat(run.getAttributes().get(CascadeAttributes.SPAN_TYPE)).isEqualTo(CascadeAttributes.TYPE_FUNCTION);
			assertThat(ofType(exporter(context), "llm")).as(tree).hasSize(2);
			assertThat(ofType(exporter(context), "tool")).as(tree).hasSize(1);
			assertThat(run.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("cascade.usage.tool_calls")))
				.isEqualTo(1L);
			assertNoHttpCallLeftOpen(context);
			// One latency series per request: Boot's meter handler times Spring AI's observation.
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("gen_ai.client.operation").timers()).isNotEmpty()
				.allSatisfy((timer) -> assertThat(timer.count()).isEqualTo(2));
			assertThat(registry.find("gen_ai.client.operation.duration").timers()).isEmpty();
			assertThat(registry.find("cascade.llm.cost").counters()).isNotEmpty();
		});
	}

	@Test
	void aChatClientCallInARequestTheSamplerDroppedIsKeptAsARunLinkedToIt() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny in Paris."));
		runner("openai").withPropertyValues("management.tracing.sampling.probability=0.0").run((context) -> {
			io.opentelemetry.api.trace.Span request = context.getBean(io.opentelemetry.api.OpenTelemetry.class)
				.getTracer("test")
				.spanBuilder("GET /weather")
				.startSpan();
			assertThat(request.getSpanContext().isSampled()).isFalse();
			try (io.opentelemetry.context.Scope scope = request.makeCurrent()) {
				assertThat(chatClient(context).prompt().user("Weather?").tools(new Tools()).call().content())
					.isEqualTo("Sunny in Paris.");
			}
			finally {
				request.end();
			}
			String tree = tree(exporter(context));
			SpanData run = spans(context).stream()
				.filter((span) -> span.getName().equals(SpringAiSpans.CHAT_CLIENT_RUN))
				.findFirst()
				.orElseThrow(() -> new AssertionError(tree));
			assertThat(run.getParentSpanContext().isValid()).isFalse();
			assertThat(run.getLinks()).singleElement()
				.satisfies((link) -> assertThat(link.getSpanContext().getSpanId())
					.isEqualTo(request.getSpanContext().getSpanId()));
			assertThat(ofType(exporter(context), "llm")).as(tree).hasSize(2)
				.allSatisfy((llm) -> assertThat(llm.getTraceId()).isEqualTo(run.getTraceId()));
			assertThat(ofType(exporter(context), "tool")).as(tree).hasSize(1);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "openai", "anthropic" })
	void aStreamedToolLoopWorksInsideAndOutsideARun(String provider) {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Rome\"}"),
				ScriptedReply.text("Warm in Rome."), ScriptedReply.toolCall("currentWeather", "{\"city\":\"Oslo\"}"),
				ScriptedReply.text("Cold in Oslo."));
		runner(provider).run((context) -> {
			String outside = streamed(context, "Weather in Rome?");
			assertThat(outside).isEqualTo("Warm in Rome.");
			String inside;
			try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("turn")) {
				inside = streamed(context, "Weather in Oslo?");
			}
			assertThat(inside).isEqualTo("Cold in Oslo.");
			// A streamed call's observation stops just after its last chunk reached the caller.
			await().until(() -> spans(context).stream()
				.anyMatch((span) -> span.getName().equals(SpringAiSpans.CHAT_CLIENT_RUN)));
			String tree = tree(exporter(context));
			assertThat(ofType(exporter(context), "tool")).as(tree).hasSize(2);
			assertThat(ofType(exporter(context), "llm")).as(tree).hasSize(4);
			// Two traces: the call outside a run became a run of its own, the other one stayed in "turn".
			Set<String> roots = spans(context).stream()
				.filter((span) -> !span.getParentSpanContext().isValid())
				.map(SpanData::getName)
				.collect(Collectors.toSet());
			assertThat(roots).as(tree).containsExactlyInAnyOrder(SpringAiSpans.CHAT_CLIENT_RUN, "turn");
			assertThat(spans(context).stream().map(SpanData::getTraceId).distinct()).as(tree).hasSize(2);
			assertNoHttpCallLeftOpen(context);
		});
	}

	@Test
	void theConversationIdIsTheSessionOfTheToolSpansToo() {
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny."), ScriptedReply.toolCall("currentWeather", "{\"city\":\"Nice\"}"),
				ScriptedReply.text("Sunny too."));
		runner("openai").run((context) -> {
			ChatMemory memory = MessageWindowChatMemory.builder().build();
			ChatClient chatClient = context.getBean(ChatClient.Builder.class)
				.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
				.build();
			chatClient.prompt()
				.user("Weather in Paris?")
				.tools(new Tools())
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "conversation-9"))
				.call()
				.content();
			String.join("", chatClient.prompt()
				.user("And Nice?")
				.tools(new Tools())
				.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, "conversation-9"))
				.stream()
				.content()
				.collectList()
				.block());
			// A streamed call's observation stops just after its last chunk reached the caller.
			await().until(() -> spans(context).stream()
				.filter((span) -> span.getName().equals(SpringAiSpans.CHAT_CLIENT_RUN))
				.count() == 2);
			String tree = tree(exporter(context));
			assertThat(spans(context)).as(tree)
				.filteredOn((span) -> span.getAttributes().get(CascadeAttributes.SPAN_TYPE) != null)
				.hasSize(8)
				.allSatisfy((span) -> assertThat(span.getAttributes().get(CascadeAttributes.SESSION_ID)).as(span.getName())
					.isEqualTo("conversation-9"));
		});
	}

	private ApplicationContextRunner runner(String provider) {
		return this.withMetrics.withConfiguration(AutoConfigurations.of(
				provider.equals("openai") ? OpenAiChatAutoConfiguration.class : AnthropicChatAutoConfiguration.class));
	}

	private static String streamed(AssertableApplicationContext context, String question) {
		return String.join("",
				chatClient(context).prompt().user(question).tools(new Tools()).stream().content().collectList().block());
	}

	/** A failed stop of the SDK's HTTP observation leaves its long-task sample open for good. */
	private static void assertNoHttpCallLeftOpen(AssertableApplicationContext context) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		for (LongTaskTimer active : registry.find("okhttp.requests.active").longTaskTimers()) {
			assertThat(active.activeTasks()).as(active.getId().toString()).isZero();
		}
	}

	private static ChatClient chatClient(AssertableApplicationContext context) {
		return context.getBean(ChatClient.Builder.class).build();
	}

	private static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	private static List<SpanData> spans(AssertableApplicationContext context) {
		return exporter(context).getFinishedSpanItems();
	}

	static class Tools {

		@Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			return "18 degrees in " + city;
		}

	}

}
