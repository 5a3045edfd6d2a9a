package com.runcascade.tracing.sdk;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import com.runcascade.tracing.llm.LlmTracing;

/**
 * Wraps every {@code OpenAIClient} and {@code OpenAIClientAsync} bean so its chat completion and
 * response calls are traced. Skips the targets of scoped proxies (the proxy itself is wrapped) and
 * clients already traced.
 */
final class OpenAiClientPostProcessor implements BeanPostProcessor, Ordered {

	private final LazyLlmTracing tracing;

	OpenAiClientPostProcessor(ObjectProvider<LlmTracing> tracing) {
		this.tracing = new LazyLlmTracing(tracing);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!OpenAiClientTracing.supports(bean) || ScopedProxyUtils.isScopedTarget(beanName)) {
			return bean;
		}
		return OpenAiClientTracing.wrap(bean, this.tracing);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
