package com.runcascade.tracing.springai;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.runcascade.tracing.autoconfigure.CascadeLlmClientAutoConfiguration;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.ModelPricing;

import static com.runcascade.tracing.springai.SpringAiObservationsExactlyOnceTests.assertCountedOnce;
import static com.runcascade.tracing.springai.SpringAiObservationsExactlyOnceTests.awaitLlmSpans;
import static com.runcascade.tracing.springai.SpringAiObservationsExactlyOnceTests.chatClient;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once with Spring AI 2.0's models on the vendor SDK clients (Spring AI 1.1's models call
 * the providers through Spring AI's own HTTP clients, not the SDKs): an SDK client that Cascade
 * wraps records no second LLM span, and the Spring AI capture marks its span as the one recording.
 */
class SpringAiSdkClientsExactlyOnceTests {

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner contextRunner = SpringAiFixture.contextRunner(this.emulator)
		.withBean(ModelPricing.class, () -> (provider, model) -> new ModelPricing.Price(3.0, 15.0, 0.3, 3.75));

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void anthropicSdkClientSeesTheCascadeLlmSpanCurrentOnCallAndStream() {
		this.contextRunner.withUserConfiguration(RecordingClientConfiguration.class).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			RecordingClients clients = context.getBean(RecordingClients.class);
			chatClient(context).prompt().user("Hi").call().content();
			chatClient(context).prompt().user("Hi again").stream().content().blockLast();
			awaitLlmSpans(exporter, 2);
			assertThat(clients.recordingSeen).containsExactly(true, true);
			assertCountedOnce(this.emulator, exporter, 2, null, null);
		});
	}

	@Test
	void wrappedOpenAiSdkClientRecordsNoSecondLlmSpan() {
		this.emulator.enqueue(ScriptedReply.text("one").withUsage(10, 2), ScriptedReply.text("two").withUsage(20, 3));
		this.contextRunner.withConfiguration(AutoConfigurations.of(CascadeLlmClientAutoConfiguration.class))
			.withUserConfiguration(WrappedOpenAiClientConfiguration.class)
			.withPropertyValues("emulator.openai-base-url=" + this.emulator.openAiBaseUrl())
			.run((context) -> {
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				assertThat(Proxy.isProxyClass(context.getBean(OpenAIClient.class).getClass())).isTrue();
				assertThat(Proxy.isProxyClass(context.getBean(OpenAIClientAsync.class).getClass())).isTrue();
				chatClient(context).prompt().user("Hi").call().content();
				chatClient(context).prompt().user("Hi again").stream().content().blockLast();
				awaitLlmSpans(exporter, 2);
				assertCountedOnce(this.emulator, exporter, 2, 30L, 5L);
			});
	}

	@Test
	void wrappedOpenAiSdkClientRecordsTheRequestsWhenTheSpringAiCaptureIsOff() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(CascadeLlmClientAutoConfiguration.class))
			.withUserConfiguration(WrappedOpenAiClientConfiguration.class)
			.withPropertyValues("emulator.openai-base-url=" + this.emulator.openAiBaseUrl(),
					"cascade.spring-ai.enabled=false")
			.run((context) -> {
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				chatClient(context).prompt().user("Hi").call().content();
				chatClient(context).prompt().user("Hi again").stream().content().blockLast();
				awaitLlmSpans(exporter, 2);
			});
	}

	/**
	 * Records whether a Cascade LLM span is current when Spring AI calls the Anthropic SDK, which is
	 * what a wrapped client checks to skip. (Spring AI's Anthropic model calls
	 * {@code messages().withRawResponse()}, which Cascade's Anthropic proxy leaves untraced, so the
	 * contract is checked directly here.)
	 */
	static class RecordingClients {

		final List<Boolean> recordingSeen = new CopyOnWriteArrayList<>();

		<T> T record(Class<T> type, T delegate) {
			Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
					(instance, method, args) -> {
						if (method.getName().equals("messages")) {
							this.recordingSeen.add(LlmTracing.isRecording(Context.current()));
						}
						try {
							return method.invoke(delegate, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
			return type.cast(proxy);
		}

	}

	/** SDK clients as beans, so Cascade wraps them, used by Spring AI's OpenAI chat model. */
	@Configuration(proxyBeanMethods = false)
	static class WrappedOpenAiClientConfiguration {

		@Bean
		OpenAIClient openAiClient(Environment environment) {
			return OpenAIOkHttpClient.builder()
				.baseUrl(environment.getRequiredProperty("emulator.openai-base-url"))
				.apiKey("test")
				.build();
		}

		@Bean
		OpenAIClientAsync openAiClientAsync(Environment environment) {
			return OpenAIOkHttpClientAsync.builder()
				.baseUrl(environment.getRequiredProperty("emulator.openai-base-url"))
				.apiKey("test")
				.build();
		}

		@Bean
		OpenAiChatModel openAiChatModel(OpenAIClient client, OpenAIClientAsync async,
				ObservationRegistry observationRegistry, ToolCallingManager toolCallingManager) {
			return OpenAiChatModel.builder()
				.openAiClient(client)
				.openAiClientAsync(async)
				.options(OpenAiChatOptions.builder().model("gpt-4o-mini").build())
				.observationRegistry(observationRegistry)
				.toolCallingManager(toolCallingManager)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingClientConfiguration {

		@Bean
		RecordingClients recordingClients() {
			return new RecordingClients();
		}

		@Bean
		AnthropicChatModel anthropicChatModel(RecordingClients clients, ObservationRegistry observationRegistry,
				ToolCallingManager toolCallingManager, Environment environment) {
			String baseUrl = environment.getRequiredProperty("spring.ai.anthropic.base-url");
			AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("test").build();
			AnthropicClientAsync async = AnthropicOkHttpClientAsync.builder().baseUrl(baseUrl).apiKey("test").build();
			return AnthropicChatModel.builder()
				.anthropicClient(clients.record(AnthropicClient.class, client))
				.anthropicClientAsync(clients.record(AnthropicClientAsync.class, async))
				.options(AnthropicChatOptions.builder().model("claude-sonnet-4-5").build())
				.observationRegistry(observationRegistry)
				.toolCallingManager(toolCallingManager)
				.build();
		}

	}

}
