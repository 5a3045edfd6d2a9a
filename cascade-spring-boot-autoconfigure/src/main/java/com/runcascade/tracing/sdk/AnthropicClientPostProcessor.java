package com.runcascade.tracing.sdk;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import com.runcascade.tracing.llm.LlmTracing;

/**
 * Wraps every {@code AnthropicClient} and {@code AnthropicClientAsync} bean so its message calls
 * are traced. Skips the targets of scoped proxies (the proxy itself is wrapped) and clients already
 * traced.
 */
final class AnthropicClientPostProcessor implements BeanPostProcessor, Ordered {

	private final LazyLlmTracing tracing;

	AnthropicClientPostProcessor(ObjectProvider<LlmTracing> tracing) {
		this.tracing = new LazyLlmTracing(tracing);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!AnthropicClientTracing.supports(bean) || ScopedProxyUtils.isScopedTarget(beanName)) {
			return bean;
		}
		return AnthropicClientTracing.wrap(bean, this.tracing);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
