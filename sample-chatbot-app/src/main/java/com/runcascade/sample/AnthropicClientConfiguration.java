package com.runcascade.sample;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The executor's raw Anthropic SDK client. It is a plain bean: Cascade wraps it automatically, so
 * every {@code messages().create} call becomes an LLM span.
 */
@Configuration(proxyBeanMethods = false)
class AnthropicClientConfiguration {

	@Bean
	AnthropicClient anthropicClient(@Value("${spring.ai.anthropic.api-key}") String apiKey,
			@Value("${spring.ai.anthropic.base-url:https://api.anthropic.com}") String baseUrl) {
		return AnthropicOkHttpClient.builder().apiKey(apiKey).baseUrl(baseUrl).build();
	}

}
