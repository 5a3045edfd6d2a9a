package com.runcascade.tracing.llm;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;

/**
 * Auto-configuration of what every LLM integration shares: {@link LlmTracing}, prices and
 * metrics.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class)
@ConditionalOnBean(CascadeTracer.class)
public final class CascadeLlmAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LlmTracing cascadeLlmTracing(CascadeTracer tracer, ObjectProvider<ModelPricing> pricing,
			ObjectProvider<LlmMetrics> metrics) {
		return new LlmTracing(tracer, pricing.getIfAvailable(() -> ModelPricing.NONE),
				metrics.getIfAvailable(() -> LlmMetrics.NONE));
	}

}
