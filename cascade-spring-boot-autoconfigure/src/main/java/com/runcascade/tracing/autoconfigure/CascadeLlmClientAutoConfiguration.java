package com.runcascade.tracing.autoconfigure;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.anthropic.AnthropicSdk;
import com.runcascade.tracing.sdk.openai.OpenAiSdk;
import com.runcascade.tracing.support.LlmClientWrapper;

/**
 * Auto-configuration of the official LLM SDK clients' tracing, for each SDK on the classpath
 * ({@code anthropic-java}, {@code openai-java}): every client bean, sync and async, is wrapped so
 * that its LLM calls record Cascade LLM spans, and {@code Cascade.wrapLlmClient(client)} does the
 * same for clients that are not beans. Each bean backs off when the application defines one of the
 * same name.
 */
@AutoConfiguration(after = CascadeLlmAutoConfiguration.class)
@ConditionalOnBean(LlmTracing.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
public final class CascadeLlmClientAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AnthropicClient.class)
	static class AnthropicConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cascadeAnthropicClientPostProcessor")
		static BeanPostProcessor cascadeAnthropicClientPostProcessor(ObjectProvider<LlmTracing> tracing) {
			return new SdkClientPostProcessor(AnthropicSdk.CLIENTS, tracing);
		}

		@Bean
		@ConditionalOnMissingBean(name = "cascadeAnthropicLlmClientWrapper")
		LlmClientWrapper cascadeAnthropicLlmClientWrapper(ObjectProvider<LlmTracing> tracing) {
			return new SdkClientWrapper(AnthropicSdk.CLIENTS, tracing);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OpenAIClient.class)
	static class OpenAiConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cascadeOpenAiClientPostProcessor")
		static BeanPostProcessor cascadeOpenAiClientPostProcessor(ObjectProvider<LlmTracing> tracing) {
			return new SdkClientPostProcessor(OpenAiSdk.CLIENTS, tracing);
		}

		@Bean
		@ConditionalOnMissingBean(name = "cascadeOpenAiLlmClientWrapper")
		LlmClientWrapper cascadeOpenAiLlmClientWrapper(ObjectProvider<LlmTracing> tracing) {
			return new SdkClientWrapper(OpenAiSdk.CLIENTS, tracing);
		}

	}

}
