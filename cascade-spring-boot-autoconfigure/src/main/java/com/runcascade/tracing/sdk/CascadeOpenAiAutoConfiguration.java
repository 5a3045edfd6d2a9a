package com.runcascade.tracing.sdk;

import com.openai.client.OpenAIClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.runcascade.tracing.llm.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.llm.LlmTracing;

/**
 * Auto-configuration of OpenAI Java SDK tracing: every {@code OpenAIClient} and
 * {@code OpenAIClientAsync} bean is wrapped so that its chat completion and response calls record
 * Cascade LLM spans, and {@code Cascade.wrapLlmClient(client)} does the same for clients that are
 * not beans. Needs the SDK ({@code openai-java}) on the classpath.
 */
@AutoConfiguration(after = CascadeLlmAutoConfiguration.class)
@ConditionalOnClass(OpenAIClient.class)
@ConditionalOnBean(LlmTracing.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
public final class CascadeOpenAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static OpenAiClientPostProcessor cascadeOpenAiClientPostProcessor(ObjectProvider<LlmTracing> tracing) {
		return new OpenAiClientPostProcessor(tracing);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiLlmClientWrapper cascadeOpenAiLlmClientWrapper(ObjectProvider<LlmTracing> tracing) {
		return new OpenAiLlmClientWrapper(tracing);
	}

}
