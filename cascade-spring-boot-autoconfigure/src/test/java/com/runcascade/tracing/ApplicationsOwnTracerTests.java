package com.runcascade.tracing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.autoconfigure.CascadeLlmClientAutoConfiguration;
import com.runcascade.tracing.springai.SpringAiFixture;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.DefaultCascadeTracer;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * A {@code CascadeTracer} bean of the application's own (a decorator, a test double) replaces
 * Cascade's tracer, not its engine: LLM capture from SDK clients and Spring AI, tool spans from
 * {@code @Tool} methods and from Spring AI's tool calls keep recording, in an application with
 * Spring AI's Anthropic model and an Anthropic SDK client bean, both against the provider emulator.
 */
class ApplicationsOwnTracerTests {

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner contextRunner = SpringAiFixture.contextRunner(this.emulator)
		.withConfiguration(
				AutoConfigurations.of(AnthropicChatAutoConfiguration.class, CascadeLlmClientAutoConfiguration.class))
		.withBean(LlmEmulator.class, () -> this.emulator)
		.withUserConfiguration(ApplicationBeans.class);

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void aDecoratingTracerLeavesLlmToolAndSpringAiCaptureOn() {
		this.emulator.enqueue(ScriptedReply.text("From the SDK client"),
				ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("It is sunny in Paris."));
		this.contextRunner.withUserConfiguration(DecoratingTracerConfiguration.class).run((context) -> {
			assertThat(context).getBean(CascadeTracer.class).isInstanceOf(TenantTracer.class);
			// Through the static facade, which the auto-configuration bound to the decorator.
			String answer = Cascade.traceRun("Turn", Map.of("turn", 1), () -> callEveryIntegration(context));
			assertThat(answer).isEqualTo("It is sunny in Paris.");
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SpanData run = span(exporter, "Turn");
			assertThat(attr(run, "cascade.tenant")).isEqualTo("acme");
			List<SpanData> llm = ofType(exporter, CascadeAttributes.TYPE_LLM);
			List<SpanData> tools = ofType(exporter, CascadeAttributes.TYPE_TOOL);
			assertThat(llm).hasSize(3);
			assertThat(tools).extracting(SpanData::getName).containsExactly("lookup", "currentWeather");
			assertThat(attr(llm.get(0), "llm.completion")).isEqualTo("From the SDK client");
			assertThat(attr(llm.get(1), "llm.prompt")).isEqualTo("Weather in Paris?");
			assertThat(attr(llm.get(1), "llm.completion")).isEqualTo("[tool_use currentWeather {\"city\":\"Paris\"}]");
			assertThat(attr(llm.get(2), "llm.completion")).isEqualTo("It is sunny in Paris.");
			assertThat(attr(tools.get(0), "tool.output")).isEqualTo("A");
			assertThat(attr(tools.get(1), "tool.output")).contains("18 degrees and sunny in Paris");
			assertThat(llm).allSatisfy((span) -> assertThat(attr(span, "llm.provider")).isEqualTo("anthropic"));
			assertThat(llm).allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(run.getSpanId()));
			assertThat(tools).allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(run.getSpanId()));
		});
	}

	@Test
	void aTestDoubleTracerGetsTheFacadesCallsAndTheIntegrationsStillRecord() {
		CascadeTracer testDouble = mock(CascadeTracer.class);
		this.emulator.enqueue(ScriptedReply.text("From the SDK client"),
				ScriptedReply.toolCall("currentWeather", "{\"city\":\"Paris\"}"),
				ScriptedReply.text("It is sunny in Paris."));
		this.contextRunner.withBean(CascadeTracer.class, () -> testDouble).run((context) -> {
			assertThat(context).hasSingleBean(CascadeInstrumentation.class)
				.doesNotHaveBean(DefaultCascadeTracer.class)
				.hasSingleBean(LlmTracing.class)
				.hasBean("cascadeToolAdvisor")
				.hasBean("cascadeSpringAiObservationHandler")
				.hasBean("cascadeAnthropicClientPostProcessor");
			Cascade.setSessionId("session-1");
			verify(testDouble).setSessionId("session-1");
			assertThat(callEveryIntegration(context)).isEqualTo("It is sunny in Paris.");
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(ofType(exporter, CascadeAttributes.TYPE_LLM)).extracting((span) -> attr(span, "llm.completion"))
				.containsExactly("From the SDK client", "[tool_use currentWeather {\"city\":\"Paris\"}]",
						"It is sunny in Paris.");
			assertThat(ofType(exporter, CascadeAttributes.TYPE_TOOL)).extracting(SpanData::getName)
				.containsExactly("lookup", "currentWeather");
		});
	}

	/** An SDK client call, a Cascade {@code @Tool} method, and a Spring AI tool calling loop. */
	private static String callEveryIntegration(AssertableApplicationContext context) {
		context.getBean(AnthropicClient.class)
			.messages()
			.create(MessageCreateParams.builder()
				.model("claude-sonnet-4-5")
				.maxTokens(256)
				.addUserMessage("Hello")
				.build());
		assertThat(context.getBean(LookupTools.class).lookup("a")).isEqualTo("A");
		return context.getBean(ChatClient.Builder.class)
			.build()
			.prompt()
			.user("Weather in Paris?")
			.tools(context.getBean(WeatherTools.class))
			.call()
			.content();
	}

	/** A decorator of Cascade's own tracer that tags every run with the tenant. */
	static final class TenantTracer implements CascadeTracer {

		private final CascadeTracer delegate;

		TenantTracer(CascadeTracer delegate) {
			this.delegate = delegate;
		}

		@Override
		public CascadeScope traceRun(String name, @Nullable Map<String, ?> metadata) {
			Map<String, Object> tagged = new LinkedHashMap<>((metadata != null) ? metadata : Map.of());
			tagged.put("tenant", "acme");
			return this.delegate.traceRun(name, tagged);
		}

		@Override
		public CascadeScope traceAgent(String name, @Nullable Map<String, ?> metadata) {
			return this.delegate.traceAgent(name, metadata);
		}

		@Override
		public void setSessionId(String sessionId) {
			this.delegate.setSessionId(sessionId);
		}

		@Override
		public CascadeScope sessionScope(String sessionId) {
			return this.delegate.sessionScope(sessionId);
		}

		@Override
		public @Nullable String currentSessionId() {
			return this.delegate.currentSessionId();
		}

		@Override
		public @Nullable String currentAgentName() {
			return this.delegate.currentAgentName();
		}

		@Override
		public void endSession(String sessionId) {
			this.delegate.endSession(sessionId);
		}

		@Override
		public <T> T wrapLlmClient(T client) {
			return this.delegate.wrapLlmClient(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DecoratingTracerConfiguration {

		@Bean
		CascadeTracer tenantTracer(CascadeInstrumentation instrumentation) {
			return new TenantTracer(new DefaultCascadeTracer(instrumentation));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationBeans {

		@Bean(destroyMethod = "close")
		AnthropicClient anthropicClient(LlmEmulator emulator) {
			return AnthropicOkHttpClient.builder()
				.baseUrl(emulator.anthropicBaseUrl())
				.apiKey("test-key")
				.maxRetries(0)
				.build();
		}

		@Bean
		LookupTools lookupTools() {
			return new LookupTools();
		}

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

	}

	/** Traced by Cascade's tool advisor. */
	public static class LookupTools {

		@Tool(description = "Look a key up.")
		public String lookup(String key) {
			return key.toUpperCase(java.util.Locale.ROOT);
		}

	}

	/** Called by Spring AI's tool calling, recorded from its observations. */
	static class WeatherTools {

		@org.springframework.ai.tool.annotation.Tool(description = "The current weather in a city")
		String currentWeather(String city) {
			return "18 degrees and sunny in " + city;
		}

	}

}
