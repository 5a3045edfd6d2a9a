package com.runcascade.tracing.web;

import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeProperties;

/**
 * Auto-configuration of the session filter in reactive web applications. The session reaches the
 * handlers through the Reactor context, with Micrometer's observation context propagation.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(value = { WebFilter.class, Mono.class }, name = "io.micrometer.context.ContextRegistry")
@ConditionalOnBean(CascadeTracer.class)
@ConditionalOnBooleanProperty(name = { "cascade.enabled", "cascade.session.enabled" }, matchIfMissing = true)
public final class CascadeReactiveWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "cascadeReactiveSessionFilter")
	WebFilter cascadeReactiveSessionFilter(CascadeTracer tracer, CascadeProperties properties) {
		return new CascadeReactiveSessionFilter(tracer, properties.getSession());
	}

	/**
	 * The session reaches handler code through Reactor's automatic context propagation, so it is on
	 * unless the application sets {@code spring.reactor.context-propagation} itself. The Spring AI
	 * integration decides the same way; the call is idempotent.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ReactorContextPropagationConfiguration {

		static final String PROPERTY = "spring.reactor.context-propagation";

		ReactorContextPropagationConfiguration(Environment environment) {
			if (!environment.containsProperty(PROPERTY)) {
				Hooks.enableAutomaticContextPropagation();
			}
		}

	}

}
