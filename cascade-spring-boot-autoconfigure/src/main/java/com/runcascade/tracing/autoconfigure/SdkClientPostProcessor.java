package com.runcascade.tracing.autoconfigure;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.SdkClients;

/**
 * Wraps every client bean of one SDK, sync and async, so its LLM calls are traced. Skips the
 * targets of scoped proxies (the proxy itself is wrapped) and clients already traced.
 */
final class SdkClientPostProcessor implements BeanPostProcessor, Ordered {

	private final SdkClients clients;

	private final LazyLlmTracing tracing;

	SdkClientPostProcessor(SdkClients clients, ObjectProvider<LlmTracing> tracing) {
		this.clients = clients;
		this.tracing = new LazyLlmTracing(tracing);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!this.clients.supports().test(bean) || ScopedProxyUtils.isScopedTarget(beanName)) {
			return bean;
		}
		return this.clients.tracer().traced(bean, this.tracing);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
