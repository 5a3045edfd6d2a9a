package com.runcascade.tracing.sdk;

import com.anthropic.client.AnthropicClient;

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
 * Auto-configuration of Anthropic Java SDK tracing: every {@code AnthropicClient} and
 * {@code AnthropicClientAsync} bean is wrapped so that its message calls record Cascade LLM spans,
 * and {@code Cascade.wrapLlmClient(client)} does the same for clients that are not beans. Needs the
 * SDK ({@code anthropic-java}) on the classpath.
 */
@AutoConfiguration(after = CascadeLlmAutoConfiguration.class)
@ConditionalOnClass(AnthropicClient.class)
@ConditionalOnBean(LlmTracing.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
public final class CascadeAnthropicAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static AnthropicClientPostProcessor cascadeAnthropicClientPostProcessor(ObjectProvider<LlmTracing> tracing) {
		return new AnthropicClientPostProcessor(tracing);
	}

	@Bean
	@ConditionalOnMissingBean
	AnthropicLlmClientWrapper cascadeAnthropicLlmClientWrapper(ObjectProvider<LlmTracing> tracing) {
		return new AnthropicLlmClientWrapper(tracing);
	}

}
