package com.runcascade.tracing.autoconfigure;

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
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * Auto-configuration of LangChain4j tracing, when {@code langchain4j-core} is on the class path:
 * every {@code ChatModel} and {@code StreamingChatModel} bean gets Cascade's listener (its requests
 * become LLM spans), and AI service calls and their tools are recorded through the registrar
 * LangChain4j loads with {@code ServiceLoader}. {@code cascade.langchain4j.enabled=false} turns it
 * off. Each bean backs off when the application defines one of the same name.
 */
@AutoConfiguration(after = CascadeLlmAutoConfiguration.class)
@ConditionalOnClass(name = LangChain4jModels.CHAT_MODEL_LISTENER)
@ConditionalOnBean(LlmTracing.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cascade.langchain4j.enabled", matchIfMissing = true)
public final class CascadeLangChain4jAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cascadeLangChain4jModelPostProcessor")
	static BeanPostProcessor cascadeLangChain4jModelPostProcessor(ObjectProvider<LlmTracing> tracing) {
		return new LangChain4jModelPostProcessor(tracing);
	}

	/** AI service events exist since LangChain4j 1.6. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = LangChain4jModels.AI_SERVICE_REGISTRAR)
	static class AiServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cascadeLangChain4jAiServiceBinding")
		LangChain4jAiServiceBinding cascadeLangChain4jAiServiceBinding(CascadeInstrumentation instrumentation,
				LlmTracing llm) {
			return new LangChain4jAiServiceBinding(instrumentation, llm);
		}

	}

}
