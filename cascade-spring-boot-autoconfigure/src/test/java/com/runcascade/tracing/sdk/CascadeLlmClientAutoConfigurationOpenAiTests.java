package com.runcascade.tracing.sdk;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import io.opentelemetry.api.OpenTelemetry;
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
import com.runcascade.tracing.LlmClientWrapper;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.llm.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.llm.LlmTracing;

import static com.runcascade.tracing.InMemoryTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CascadeLlmClientAutoConfiguration} with the OpenAi SDK. */
class CascadeLlmClientAutoConfigurationOpenAiTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CascadeAutoConfiguration.class, CascadeLlmAutoConfiguration.class,
				CascadeLlmClientAutoConfiguration.class));

	private LlmEmulator emulator;

	private InMemoryTracing tracing;

	@BeforeEach
	void setUp() {
		this.emulator = LlmEmulator.start();
		this.tracing = InMemoryTracing.start(TestPrices.PRICING);
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
		this.tracing.close();
	}

	@Test
	void configuresPostProcessorAndClientWrapper() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			assertThat(context).hasBean("cascadeOpenAiClientPostProcessor");
			assertThat(context).hasBean("cascadeOpenAiLlmClientWrapper");
			// One wrapper per SDK.
			assertThat(context.getBeansOfType(LlmClientWrapper.class)).hasSize(2);
		});
	}

	@Test
	void clientBeansAreWrappedOnceAndTraced() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(ClientConfiguration.class)
			.run((context) -> {
				OpenAIClient client = context.getBean(OpenAIClient.class);
				assertThat(OpenAiClientTracing.isTraced(client)).isTrue();
				assertThat(OpenAiClientTracing.isTraced(context.getBean(OpenAIClientAsync.class))).isTrue();
				BeanPostProcessor postProcessor = context.getBean("cascadeOpenAiClientPostProcessor",
						BeanPostProcessor.class);
				assertThat(postProcessor.postProcessAfterInitialization(client, "openAiClient")).isSameAs(client);
				this.emulator.enqueue(ScriptedReply.text("Hello from a bean"));
				client.chat().completions().create(OpenAiChatCompletionsTracingTests.params("Hi"));
				assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion", "Hello from a bean")
					.containsEntry("llm.provider", "127.0.0.1");
				assertThat(client.models()).isNotNull();
			});
	}

	@Test
	void scopedProxyTargetsAreNotWrapped() {
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
			assertThat(OpenAiClientTracing.isTraced(tracedOpenAi)).isTrue();
			assertThat(OpenAiClientTracing.isTraced(Cascade.wrapLlmClient(openAi.async()))).isTrue();
			assertThat(AnthropicClientTracing.isTraced(Cascade.wrapLlmClient(anthropic))).isTrue();
			assertThat(Cascade.wrapLlmClient(tracedOpenAi)).isSameAs(tracedOpenAi);
			this.emulator.enqueue(ScriptedReply.text("Wrapped"));
			tracedOpenAi.chat().completions().create(OpenAiChatCompletionsTracingTests.params("Hi"));
			assertThat(attributes(this.tracing.onlyLlmSpan())).containsEntry("llm.completion", "Wrapped");
			openAi.close();
			anthropic.close();
		});
	}

	@Test
	void backsOffWhenUserDefinesThePostProcessor() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withUserConfiguration(CustomPostProcessorConfiguration.class)
			.run((context) -> assertThat(context.getBean("cascadeOpenAiClientPostProcessor"))
				.isNotInstanceOf(SdkClientPostProcessor.class));
	}

	@Test
	void doesNothingWhenCascadeIsDisabled() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withPropertyValues("cascade.enabled=false")
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(ClientConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("cascadeOpenAiClientPostProcessor");
				assertThat(OpenAiClientTracing.isTraced(context.getBean(OpenAIClient.class))).isFalse();
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
	static class ClientConfiguration {

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
	static class CustomPostProcessorConfiguration {

		@Bean
		static BeanPostProcessor cascadeOpenAiClientPostProcessor() {
			return new BeanPostProcessor() {
			};
		}

	}

}
