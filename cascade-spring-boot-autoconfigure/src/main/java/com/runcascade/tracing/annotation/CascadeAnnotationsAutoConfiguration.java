package com.runcascade.tracing.annotation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * Auto-configuration of the advisor that traces {@code @Tool} and {@code @Function} methods. It is
 * an infrastructure advisor: Boot's {@code AopAutoConfiguration} applies it (following
 * {@code spring.aop.auto} and {@code spring.aop.proxy-target-class}), with or without AspectJ on
 * the classpath (Spring AOP comes with spring-context). Backs off when the application defines a
 * bean named {@code cascadeToolAdvisor}.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class)
@ConditionalOnBean(CascadeInstrumentation.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
public final class CascadeAnnotationsAutoConfiguration {

	/** Static and infrastructure: advisors are created early, by the auto-proxy creator. */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = "cascadeToolAdvisor")
	static CascadeToolAdvisor cascadeToolAdvisor(ObjectProvider<CascadeInstrumentation> instrumentation) {
		return new CascadeToolAdvisor(instrumentation);
	}

}
