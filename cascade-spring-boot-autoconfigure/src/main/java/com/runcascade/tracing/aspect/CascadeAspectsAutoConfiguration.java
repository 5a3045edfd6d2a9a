package com.runcascade.tracing.aspect;

import org.aspectj.weaver.Advice;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;

/**
 * Auto-configuration of the {@code @Tool} and {@code @Function} aspects. Needs AspectJ (brought by
 * {@code spring-boot-starter-aspectj}); without it the annotations are simply not traced.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class)
@ConditionalOnClass(Advice.class)
@ConditionalOnBean(CascadeTracer.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
@EnableAspectJAutoProxy
public final class CascadeAspectsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CascadeToolAspect cascadeToolAspect(ObjectProvider<CascadeTracer> tracer) {
		return new CascadeToolAspect(tracer);
	}

}
