package com.runcascade.tracing.springai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.llm.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.llm.LlmTracing;

/**
 * Auto-configuration of the Spring AI integration: the {@link CascadeChatClientAdvisor}, added to
 * every {@code ChatClient} built from the auto-configured {@code ChatClient.Builder}.
 *
 * <p>
 * Spring AI's {@code ChatClientAutoConfiguration} looks the {@link ChatClientCustomizer} beans up
 * when it first builds a {@code ChatClient.Builder}, so no ordering against it is needed.
 */
@AutoConfiguration(after = CascadeLlmAutoConfiguration.class)
@ConditionalOnClass({ ChatClient.class, CallAdvisor.class })
@ConditionalOnBean(LlmTracing.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cascade.spring-ai.advisor.enabled", matchIfMissing = true)
public final class CascadeSpringAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CascadeChatClientAdvisor cascadeChatClientAdvisor(LlmTracing llmTracing) {
		return new CascadeChatClientAdvisor(llmTracing);
	}

	@Bean
	@ConditionalOnMissingBean(name = "cascadeChatClientCustomizer")
	ChatClientCustomizer cascadeChatClientCustomizer(CascadeChatClientAdvisor cascadeChatClientAdvisor) {
		return (builder) -> builder.defaultAdvisors(cascadeChatClientAdvisor);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.core.instrument.MeterRegistry",
			"org.springframework.ai.chat.observation.ChatModelMeterObservationHandler" })
	static class MeteringConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringAiTokenMeteringHandler cascadeSpringAiTokenMeteringHandler(
				ObjectProvider<ChatModelMeterObservationHandler> springAiMeters) {
			return new SpringAiTokenMeteringHandler(springAiMeters);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.tracing.handler.TracingObservationHandler",
			"org.springframework.ai.chat.observation.ChatModelObservationContext" })
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringAiChatObservationHandler cascadeSpringAiChatObservationHandler() {
			return new SpringAiChatObservationHandler();
		}

	}

}
