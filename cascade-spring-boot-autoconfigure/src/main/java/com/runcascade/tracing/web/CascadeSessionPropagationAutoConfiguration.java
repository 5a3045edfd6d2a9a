package com.runcascade.tracing.web;

import io.opentelemetry.context.propagation.ContextPropagators;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Sends the current session id with traced calls to other services, as the W3C baggage entry
 * {@code cascade.session_id}: the application's {@link ContextPropagators} (Boot's W3C trace
 * context and baggage propagators) write it into the {@code baggage} header of every request that
 * an instrumented client (RestClient, WebClient) sends while a session is current.
 * The receiving service's session filter reads it back.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = { "cascade.enabled", "cascade.session.propagation.enabled" },
		matchIfMissing = true)
public final class CascadeSessionPropagationAutoConfiguration {

	@Bean
	static BeanPostProcessor cascadeSessionBaggagePropagation() {
		return new SessionBaggagePostProcessor();
	}

	/** Wraps every {@link ContextPropagators} bean once. */
	static final class SessionBaggagePostProcessor implements BeanPostProcessor, Ordered {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof ContextPropagators propagators
					&& !(propagators.getTextMapPropagator() instanceof SessionBaggage.Propagator)) {
				return ContextPropagators.create(new SessionBaggage.Propagator(propagators.getTextMapPropagator()));
			}
			return bean;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
