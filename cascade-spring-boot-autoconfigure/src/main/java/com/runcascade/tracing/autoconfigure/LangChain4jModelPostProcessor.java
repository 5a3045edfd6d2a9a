package com.runcascade.tracing.autoconfigure;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import com.runcascade.tracing.llm.LlmTracing;

/**
 * Gives every LangChain4j chat model bean, synchronous and streaming, Cascade's listener (see
 * {@link LangChain4jModels}). Skips the targets of scoped proxies (the proxy itself is traced),
 * models already traced and models whose builder was given Cascade's listener.
 */
final class LangChain4jModelPostProcessor implements BeanPostProcessor, Ordered {

	private final LangChain4jModels models;

	LangChain4jModelPostProcessor(ObjectProvider<LlmTracing> tracing) {
		this.models = new LangChain4jModels(new LazyLlmTracing(tracing));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (ScopedProxyUtils.isScopedTarget(beanName) || !LangChain4jModels.isChatModel(bean)) {
			return bean;
		}
		return this.models.traced(bean);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
