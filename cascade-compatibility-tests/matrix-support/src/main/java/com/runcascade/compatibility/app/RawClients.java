package com.runcascade.compatibility.app;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Raw SDK client beans next to Spring AI, as an application that uses both has them. */
@Configuration(proxyBeanMethods = false)
class RawClients {

	@Bean
	AnthropicClient anthropicClient(@Value("${matrix.emulator.base-url}") String baseUrl) {
		return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("test").maxRetries(0).build();
	}

	@Bean
	OpenAIClient openAiClient(@Value("${matrix.emulator.base-url}") String baseUrl) {
		return OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey("test").maxRetries(0).build();
	}

}
