package com.runcascade.tracing.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CascadeLlmClientAutoConfiguration} with the Anthropic SDK. */
class CascadeLlmClientAutoConfigurationAnthropicTests {

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
			assertThat(context).hasBean("cascadeAnthropicClientPostProcessor");
			assertThat(context).hasBean("cascadeAnthropicLlmClientWrapper");
			assertThat(context.getBeansOfType(LlmClientWrapper.class)).hasSize(2);
		});
	}

	@Test
	void clientBeansAreWrappedOnceAndTraced() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(ClientConfiguration.class)
			.run((context) -> {
				AnthropicClient client = context.getBean(AnthropicClient.class);
				AnthropicClientAsync async = context.getBean(AnthropicClientAsync.class);
				assertThat(AnthropicClientTracing.isTraced(client)).isTrue();
				assertThat(AnthropicClientTracing.isTraced(async)).isTrue();
				BeanPostProcessor postProcessor = context.getBean("cascadeAnthropicClientPostProcessor",
						BeanPostProcessor.class);
				assertThat(postProcessor.postProcessAfterInitialization(client, "anthropicClient")).isSameAs(client);
				this.emulator.enqueue(ScriptedReply.text("Hello from a bean"));
				client.messages().create(AnthropicClientTracingTests.params("Hi"));
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
	void scopedProxyTargetsAreNotWrapped() {
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
	void wrapLlmClientTracesClientsThatAreNotBeans() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class)).run((context) -> {
			AnthropicClient client = AnthropicOkHttpClient.builder()
				.baseUrl(this.emulator.anthropicBaseUrl())
				.apiKey("test-key")
				.maxRetries(0)
				.build();
			AnthropicClient traced = context.getBean(CascadeTracer.class).wrapLlmClient(client);
			assertThat(AnthropicClientTracing.isTraced(traced)).isTrue();
			assertThat(Cascade.wrapLlmClient(traced)).isSameAs(traced);
			AnthropicClient viaFacade = Cascade.wrapLlmClient(client);
			assertThat(AnthropicClientTracing.isTraced(viaFacade)).isTrue();
			AnthropicClientAsync async = Cascade.wrapLlmClient(client.async());
			assertThat(AnthropicClientTracing.isTraced(async)).isTrue();
			this.emulator.enqueue(ScriptedReply.text("Wrapped"));
			viaFacade.messages().create(AnthropicClientTracingTests.params("Hi"));
			assertThat(InMemoryTracing.attributes(this.tracing.onlyLlmSpan()))
				.containsEntry("llm.completion", "Wrapped");
			client.close();
		});
	}

	@Test
	void backsOffWhenUserDefinesThePostProcessor() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withUserConfiguration(CustomPostProcessorConfiguration.class)
			.run((context) -> assertThat(context.getBean("cascadeAnthropicClientPostProcessor"))
				.isNotInstanceOf(SdkClientPostProcessor.class));
	}

	@Test
	void doesNothingWhenCascadeIsDisabled() {
		this.contextRunner.withBean(OpenTelemetry.class, () -> this.tracing.bean(OpenTelemetry.class))
			.withPropertyValues("cascade.enabled=false")
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(ClientConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("cascadeAnthropicClientPostProcessor");
				assertThat(AnthropicClientTracing.isTraced(context.getBean(AnthropicClient.class))).isFalse();
			});
	}

	@Test
	void doesNothingWithoutLlmTracing() {
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

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

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
	static class CustomPostProcessorConfiguration {

		@Bean
		static BeanPostProcessor cascadeAnthropicClientPostProcessor() {
			return new BeanPostProcessor() {
			};
		}

	}

}
