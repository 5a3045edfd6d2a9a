package com.runcascade.tracing.springai;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.CascadeScopeHook;
import com.runcascade.tracing.support.ContentFormatter;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whether content is captured is decided once for the whole Spring AI path: with
 * {@code cascade.capture-content=false} no Spring AI span (LLM, tool, ChatClient run) carries
 * content, and with it on every one that has content carries it. Covers a call with a tool loop
 * (tools observed by Spring AI's tool calling manager), a stream, and a tool loop whose manager
 * observes nothing (tools traced by {@link TracedToolCallback}).
 */
class SpringAiContentCaptureTests {

	private static final AttributeKey<String> PROMPT = AttributeKey.stringKey("llm.prompt");

	private static final AttributeKey<String> SYSTEM_MESSAGE = AttributeKey.stringKey("llm.system_message");

	private static final AttributeKey<String> MESSAGES = AttributeKey.stringKey("llm.messages");

	private static final AttributeKey<String> COMPLETION = AttributeKey.stringKey("llm.completion");

	private static final AttributeKey<String> REASONING = AttributeKey.stringKey("llm.reasoning");

	private static final AttributeKey<String> TOOLS = AttributeKey.stringKey("llm.tools");

	private static final AttributeKey<String> TOOL_INPUT = AttributeKey.stringKey("tool.input");

	private static final AttributeKey<String> TOOL_OUTPUT = AttributeKey.stringKey("tool.output");

	/** Every attribute that holds prompt, completion or tool content. */
	private static final List<AttributeKey<String>> CONTENT = List.of(PROMPT, SYSTEM_MESSAGE, MESSAGES, COMPLETION,
			REASONING, TOOL_INPUT, TOOL_OUTPUT);

	private static final String TOOL_DESCRIPTION = "The current weather in a city";

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner anthropic = SpringAiFixture.contextRunner(this.emulator)
		.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class));

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@ParameterizedTest(name = "cascade.capture-content={0}")
	@ValueSource(booleans = { true, false })
	void everySpringAiSpanFollowsTheOneDecision(boolean capture) {
		this.anthropic.withPropertyValues("cascade.capture-content=" + capture).run((context) -> {
			List<SpanData> spans = runEveryKindOfCall(context);
			String tree = tree(context.getBean(InMemorySpanExporter.class));
			List<SpanData> llm = spans.stream().filter((span) -> "llm".equals(type(span))).toList();
			List<SpanData> tools = spans.stream().filter((span) -> "tool".equals(type(span))).toList();
			List<SpanData> runs = spans.stream()
				.filter((span) -> span.getName().equals(SpringAiSpans.CHAT_CLIENT_RUN))
				.toList();
			assertThat(llm).as(tree).hasSize(5);
			assertThat(tools).as(tree).hasSize(2);
			assertThat(runs).as(tree).hasSize(3);
			// A ChatClient run holds no content of its own, either way.
			assertThat(runs).allSatisfy((run) -> assertThat(contentKeys(run)).isEmpty());
			if (capture) {
				assertThat(llm).as(tree).allSatisfy((span) -> assertThat(contentKeys(span)).as(span.getName())
					.contains(PROMPT.getKey(), MESSAGES.getKey(), COMPLETION.getKey()));
				assertThat(tools).as(tree).allSatisfy((span) -> assertThat(contentKeys(span)).as(span.getName())
					.containsExactly(TOOL_INPUT.getKey(), TOOL_OUTPUT.getKey()));
				assertThat(spans.stream().flatMap((span) -> contentKeys(span).stream()))
					.as("every content attribute appears").containsAll(CONTENT.stream().map(AttributeKey::getKey).toList());
				assertThat(llm.stream().map((span) -> span.getAttributes().get(TOOLS)))
					.anySatisfy((offered) -> assertThat(offered).contains(TOOL_DESCRIPTION));
			}
			else {
				assertThat(spans).as(tree).allSatisfy((span) -> assertThat(contentKeys(span)).as(span.getName()).isEmpty());
				assertThat(llm.stream().map((span) -> span.getAttributes().get(TOOLS)))
					.allSatisfy((offered) -> assertThat(String.valueOf(offered)).doesNotContain(TOOL_DESCRIPTION));
			}
		});
	}

	/**
	 * The LLM recorder is an extension point; the Spring AI spans follow its decision rather than
	 * deciding apart from it, so a recorder that captures nothing leaves the tool spans empty too.
	 */
	@Test
	void theToolSpansFollowTheLlmRecordersDecision() {
		this.anthropic.withUserConfiguration(RecorderWithoutContent.class).run((context) -> {
			assertThat(context).hasSingleBean(LlmTracing.class);
			assertThat(context.getBean(ContentFormatter.class).captureContent()).isTrue();
			List<SpanData> spans = runEveryKindOfCall(context);
			assertThat(spans.stream().filter((span) -> "tool".equals(type(span)))).hasSize(2);
			assertThat(spans).as(tree(context.getBean(InMemorySpanExporter.class)))
				.allSatisfy((span) -> assertThat(contentKeys(span)).as(span.getName()).isEmpty());
		});
	}

	/** Three ChatClient calls outside any trace; returns every span once all have ended. */
	private List<SpanData> runEveryKindOfCall(AssertableApplicationContext context) {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		ChatClient observed = context.getBean(ChatClient.Builder.class).build();
		ChatClient unobserved = context.getBean(ChatClient.Builder.class)
			.defaultAdvisors(SpringAiTestLine.unobservedToolLoop())
			.build();
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("Sunny in Paris.").withThinking("The tool said sunny."));
		// With thinking, Spring AI's Anthropic model puts the thinking first among the generations.
		assertThat(observed.prompt().system("Be brief.").user("Weather in Paris?").tools(new Tools()).call().chatResponse())
			.isNotNull();
		this.emulator.enqueue(ScriptedReply.text("Streamed answer."));
		assertThat(String.join("", observed.prompt().user("Stream it").stream().content().collectList().block()))
			.isEqualTo("Streamed answer.");
		this.emulator.enqueue(ScriptedReply.toolCall("currentWeather", "{\"city\":\"Oslo\"}"),
				ScriptedReply.text("Cold in Oslo."));
		assertThat(unobserved.prompt().user("Weather in Oslo?").tools(new Tools()).call().content())
			.isEqualTo("Cold in Oslo.");
		await().atMost(Duration.ofSeconds(5)).until(() -> ofType(exporter, "llm").size() == 5);
		return exporter.getFinishedSpanItems();
	}

	private static Set<String> contentKeys(SpanData span) {
		Set<String> keys = new TreeSet<>();
		for (AttributeKey<String> key : CONTENT) {
			if (span.getAttributes().get(key) != null) {
				keys.add(key.getKey());
			}
		}
		return keys;
	}

	private static String type(SpanData span) {
		return span.getAttributes().get(AttributeKey.stringKey("cascade.span_type"));
	}

	static class Tools {

		@Tool(description = TOOL_DESCRIPTION)
		String currentWeather(String city) {
			return "18 degrees in " + city;
		}

	}

	/** An application's own LLM recorder, on an engine that captures no content. */
	@Configuration(proxyBeanMethods = false)
	static class RecorderWithoutContent {

		@Bean
		LlmTracing applicationsLlmTracing(OpenTelemetry openTelemetry) {
			CascadeInstrumentation noContent = new CascadeInstrumentation(openTelemetry, new ContentFormatter(false, 4096),
					CascadeScopeHook.NONE, List::of);
			return new LlmTracing(noContent, ModelPricing.NONE, LlmMetrics.NONE);
		}

	}

}
