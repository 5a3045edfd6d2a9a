package com.runcascade.sample;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The hotel assistant on LangChain4j: a chat model bean, which Cascade gives its listener with no
 * code (one LLM span per request), and an AI service with the {@link HotelTools} bean as its tools.
 * It talks to Anthropic with the same key and base URL as Spring AI, so offline to the emulator.
 */
@Configuration(proxyBeanMethods = false)
class LangChain4jConfiguration {

	/** Declared as LangChain4j's {@code ChatModel}: what the AI service needs, whatever Cascade's bean is. */
	@Bean
	ChatModel hotelChatModel(@Value("${spring.ai.anthropic.api-key}") String apiKey,
			@Value("${spring.ai.anthropic.base-url:https://api.anthropic.com}") String baseUrl,
			@Value("${spring.ai.anthropic.chat.options.model}") String model) {
		// Offline, application.yml's empty ANTHROPIC_API_KEY outranks the offline switch's key: Spring AI and the
		// SDK client send it empty, LangChain4j refuses a blank key. The emulator takes any.
		String key = StringUtils.hasText(apiKey) ? apiKey : "offline-emulator";
		// LangChain4j's Anthropic model wants the API's versioned URL, Spring AI the host.
		return AnthropicChatModel.builder().apiKey(key).baseUrl(baseUrl + "/v1").modelName(model).maxTokens(512).build();
	}

	@Bean
	HotelAssistant hotelAssistant(ChatModel hotelChatModel, HotelTools tools) {
		return AiServices.builder(HotelAssistant.class).chatModel(hotelChatModel).tools(tools).build();
	}

}
