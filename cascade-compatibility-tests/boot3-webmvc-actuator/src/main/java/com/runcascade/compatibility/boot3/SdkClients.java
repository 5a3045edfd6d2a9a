package com.runcascade.compatibility.boot3;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's own SDK client beans, as it builds them; Cascade wraps them. */
@Configuration(proxyBeanMethods = false)
class SdkClients {

	@Bean
	AnthropicClient anthropicClient(@Value("${app.emulator.base-url}") String baseUrl) {
		return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("test").maxRetries(0).build();
	}

	@Bean
	OpenAIClient openAiClient(@Value("${app.emulator.base-url}") String baseUrl) {
		return OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey("test").maxRetries(0).build();
	}

}
