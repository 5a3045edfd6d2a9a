package com.runcascade.tracing.autoconfigure;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.anthropic.AnthropicSdk;
import com.runcascade.tracing.sdk.openai.OpenAiSdk;
import com.runcascade.tracing.support.LlmClientWrapper;

import static com.runcascade.tracing.InMemoryTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CascadeLlmClientAutoConfiguration}, with the Anthropic and the OpenAI SDK. */
class CascadeLlmClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CascadeAutoConfiguration.class, CascadeLlmAutoConfiguration.class,
				CascadeLlmClientAutoConfiguration.class));

	private LlmEmulator emulator;

	private InMemoryTracing tracing;

	@BeforeEach
	void setUp() {
		this.emulator = LlmEmulator.start();
		this.tracing = InMemoryTracing.start();
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
		this.tracing.close();
	}

	@Test
	void anthropicConfiguresPostProcessorAndClientWrapper() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			assertThat(context).hasBean("cascadeAnthropicClientPostProcessor");
			assertThat(context).hasBean("cascadeAnthropicLlmClientWrapper");
			assertThat(context.getBeansOfType(LlmClientWrapper.class)).hasSize(2);
		});
	}

	@Test
	void anthropicClientBeansAreWrappedOnceAndTraced() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(AnthropicClients.class)
			.run((context) -> {
				AnthropicClient client = context.getBean(AnthropicClient.class);
				AnthropicClientAsync async = context.getBean(AnthropicClientAsync.class);
				assertThat(AnthropicSdk.CLIENTS.isTraced(client)).isTrue();
				assertThat(AnthropicSdk.CLIENTS.isTraced(async)).isTrue();
				BeanPostProcessor postProcessor = context.getBean("cascadeAnthropicClientPostProcessor",
						BeanPostProcessor.class);
				assertThat(postProcessor.postProcessAfterInitialization(client, "anthropicClient")).isSameAs(client);
				this.emulator.enqueue(ScriptedReply.text("Hello from a bean"));
				client.messages().create(anthropicParams("Hi"));
				SpanData span = this.tracing.onlyLlmSpan();
				assertThat(InMemoryTracing.attributes(span))
					.containsEntry("llm.completion", "Hello from a bean")
					.containsEntry("llm.provider", "anthropic");
				// Untraced methods reach the SDK's client.
				assertThat(client.models()).isNotNull();
				assertThat(client.withRawResponse()).isNotNull();
			});
	}

	@Test
	void anthropicScopedProxyTargetsAreNotWrapped() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			AnthropicClient client = AnthropicOkHttpClient.builder()
				.baseUrl(this.emulator.anthropicBaseUrl())
				.apiKey("test-key")
				.build();
			BeanPostProcessor postProcessor = context.getBean("cascadeAnthropicClientPostProcessor",
					BeanPostProcessor.class);
			assertThat(postProcessor.postProcessAfterInitialization(client, "scopedTarget.anthropicClient"))
				.isSameAs(client);
			assertThat(postProcessor.postProcessAfterInitialization("not a client", "other")).isEqualTo("not a client");
			client.close();
		});
	}

	@Test
	void anthropicWrapLlmClientTracesClientsThatAreNotBeans() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			AnthropicClient client = AnthropicOkHttpClient.builder()
				.baseUrl(this.emulator.anthropicBaseUrl())
				.apiKey("test-key")
				.maxRetries(0)
				.build();
			AnthropicClient traced = context.getBean(CascadeTracer.class).wrapLlmClient(client);
			assertThat(AnthropicSdk.CLIENTS.isTraced(traced)).isTrue();
			assertThat(Cascade.wrapLlmClient(traced)).isSameAs(traced);
			AnthropicClient viaFacade = Cascade.wrapLlmClient(client);
			assertThat(AnthropicSdk.CLIENTS.isTraced(viaFacade)).isTrue();
			AnthropicClientAsync async = Cascade.wrapLlmClient(client.async());
			assertThat(AnthropicSdk.CLIENTS.isTraced(async)).isTrue();
			this.emulator.enqueue(ScriptedReply.text("Wrapped"));
			viaFacade.messages().create(anthropicParams("Hi"));
			assertThat(InMemoryTracing.attributes(this.tracing.onlyLlmSpan()))
				.containsEntry("llm.completion", "Wrapped");
			client.close();
		});
	}

	@Test
	void anthropicBacksOffWhenUserDefinesThePostProcessor() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withUserConfiguration(AnthropicPostProcessorOfItsOwn.class)
			.run((context) -> assertThat(context.getBean("cascadeAnthropicClientPostProcessor"))
				.isNotInstanceOf(SdkClientPostProcessor.class));
	}

	@Test
	void anthropicDoesNothingWhenCascadeIsDisabled() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withPropertyValues("cascade.enabled=false")
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(AnthropicClients.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("cascadeAnthropicClientPostProcessor");
				assertThat(AnthropicSdk.CLIENTS.isTraced(context.getBean(AnthropicClient.class))).isFalse();
			});
	}

	@Test
	void anthropicDoesNothingWithoutLlmTracing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CascadeLlmClientAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("cascadeAnthropicClientPostProcessor")
				.doesNotHaveBean(LlmTracing.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "com.anthropic", "com.anthropic.client.AnthropicClient" })
	void backsOffWithoutTheAnthropicSdk(String filtered) {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withClassLoader(new FilteredClassLoader(filtered))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(CascadeTracer.class)
					.hasSingleBean(LlmTracing.class)
					.doesNotHaveBean("cascadeAnthropicClientPostProcessor")
					.doesNotHaveBean("cascadeAnthropicLlmClientWrapper");
				Object notAClient = new Object();
				assertThat(context.getBean(CascadeTracer.class).wrapLlmClient(notAClient)).isSameAs(notAClient);
			});
	}

	@Test
	void openAiConfiguresPostProcessorAndClientWrapper() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			assertThat(context).hasBean("cascadeOpenAiClientPostProcessor");
			assertThat(context).hasBean("cascadeOpenAiLlmClientWrapper");
			// One wrapper per SDK.
			assertThat(context.getBeansOfType(LlmClientWrapper.class)).hasSize(2);
		});
	}

	@Test
	void openAiClientBeansAreWrappedOnceAndTraced() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(OpenAiClients.class)
			.run((context) -> {
				OpenAIClient client = context.getBean(OpenAIClient.class);
				assertThat(OpenAiSdk.CLIENTS.isTraced(client)).isTrue();
				assertThat(OpenAiSdk.CLIENTS.isTraced(context.getBean(OpenAIClientAsync.class))).isTrue();
				BeanPostProcessor postProcessor = context.getBean("cascadeOpenAiClientPostProcessor",
						BeanPostProcessor.class);
				assertThat(postProcessor.postProcessAfterInitialization(client, "openAiClient")).isSameAs(client);
				this.emulator.enqueue(ScriptedReply.text("Hello from a bean"));
				client.chat().completions().create(openAiParams("Hi"));
				assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion", "Hello from a bean")
					.containsEntry("llm.provider", "127.0.0.1");
				assertThat(client.models()).isNotNull();
			});
	}

	@Test
	void openAiScopedProxyTargetsAreNotWrapped() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			OpenAIClient client = OpenAIOkHttpClient.builder()
				.baseUrl(this.emulator.openAiBaseUrl())
				.apiKey("test-key")
				.build();
			BeanPostProcessor postProcessor = context.getBean("cascadeOpenAiClientPostProcessor",
					BeanPostProcessor.class);
			assertThat(postProcessor.postProcessAfterInitialization(client, "scopedTarget.openAiClient"))
				.isSameAs(client);
			client.close();
		});
	}

	@Test
	void wrapLlmClientPicksTheWrapperOfEachSdk() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			OpenAIClient openAi = OpenAIOkHttpClient.builder()
				.baseUrl(this.emulator.openAiBaseUrl())
				.apiKey("test-key")
				.maxRetries(0)
				.build();
			com.anthropic.client.AnthropicClient anthropic = com.anthropic.client.okhttp.AnthropicOkHttpClient.builder()
				.baseUrl(this.emulator.anthropicBaseUrl())
				.apiKey("test-key")
				.build();
			OpenAIClient tracedOpenAi = context.getBean(CascadeTracer.class).wrapLlmClient(openAi);
			assertThat(OpenAiSdk.CLIENTS.isTraced(tracedOpenAi)).isTrue();
			assertThat(OpenAiSdk.CLIENTS.isTraced(Cascade.wrapLlmClient(openAi.async()))).isTrue();
			assertThat(AnthropicSdk.CLIENTS.isTraced(Cascade.wrapLlmClient(anthropic))).isTrue();
			assertThat(Cascade.wrapLlmClient(tracedOpenAi)).isSameAs(tracedOpenAi);
			this.emulator.enqueue(ScriptedReply.text("Wrapped"));
			tracedOpenAi.chat().completions().create(openAiParams("Hi"));
			assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion", "Wrapped");
			openAi.close();
			anthropic.close();
		});
	}

	@Test
	void openAiBacksOffWhenUserDefinesThePostProcessor() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withUserConfiguration(OpenAiPostProcessorOfItsOwn.class)
			.run((context) -> assertThat(context.getBean("cascadeOpenAiClientPostProcessor"))
				.isNotInstanceOf(SdkClientPostProcessor.class));
	}

	@Test
	void openAiDoesNothingWhenCascadeIsDisabled() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withPropertyValues("cascade.enabled=false")
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(OpenAiClients.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("cascadeOpenAiClientPostProcessor");
				assertThat(OpenAiSdk.CLIENTS.isTraced(context.getBean(OpenAIClient.class))).isFalse();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "com.openai", "com.openai.client.OpenAIClient" })
	void backsOffWithoutTheOpenAiSdk(String filtered) {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withClassLoader(new FilteredClassLoader(filtered))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(LlmTracing.class)
					.doesNotHaveBean("cascadeOpenAiClientPostProcessor")
					.doesNotHaveBean("cascadeOpenAiLlmClientWrapper");
				// The Anthropic integration is unaffected.
				assertThat(context.getBeansOfType(LlmClientWrapper.class)).hasSize(1);
			});
	}

	@Test
	void backsOffWithoutEitherSdk() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withClassLoader(new FilteredClassLoader("com.openai", "com.anthropic"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CascadeTracer.class);
				assertThat(context.getBeansOfType(LlmClientWrapper.class)).isEmpty();
				Object notAClient = new Object();
				assertThat(context.getBean(CascadeTracer.class).wrapLlmClient(notAClient)).isSameAs(notAClient);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class AnthropicClients {

		@Bean(destroyMethod = "close")
		AnthropicClient anthropicClient(LlmEmulator emulator) {
			return AnthropicOkHttpClient.builder()
				.baseUrl(emulator.anthropicBaseUrl())
				.apiKey("test-key")
				.maxRetries(0)
				.build();
		}

		@Bean(destroyMethod = "close")
		AnthropicClientAsync anthropicClientAsync(LlmEmulator emulator) {
			return AnthropicOkHttpClientAsync.builder()
				.baseUrl(emulator.anthropicBaseUrl())
				.apiKey("test-key")
				.maxRetries(0)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnthropicPostProcessorOfItsOwn {

		@Bean
		static BeanPostProcessor cascadeAnthropicClientPostProcessor() {
			return new BeanPostProcessor() {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OpenAiClients {

		@Bean(destroyMethod = "close")
		OpenAIClient openAiClient(LlmEmulator emulator) {
			return OpenAIOkHttpClient.builder().baseUrl(emulator.openAiBaseUrl()).apiKey("test-key").maxRetries(0).build();
		}

		@Bean(destroyMethod = "close")
		OpenAIClientAsync openAiClientAsync(LlmEmulator emulator) {
			return OpenAIOkHttpClientAsync.builder()
				.baseUrl(emulator.openAiBaseUrl())
				.apiKey("test-key")
				.maxRetries(0)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OpenAiPostProcessorOfItsOwn {

		@Bean
		static BeanPostProcessor cascadeOpenAiClientPostProcessor() {
			return new BeanPostProcessor() {
			};
		}

	}

	private static MessageCreateParams anthropicParams(String userMessage) {
		return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(1024).addUserMessage(userMessage).build();
	}

	private static ChatCompletionCreateParams openAiParams(String userMessage) {
		return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(userMessage).build();
	}

}
