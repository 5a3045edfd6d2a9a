package com.runcascade.tracing.autoconfigure;

import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Turns on Reactor's automatic context propagation, so that the Cascade context (and Micrometer's
 * current observation) follow work that Reactor hands to other threads: the exchange of a WebFlux
 * application, and Spring AI's streamed tool loops and advisors on the {@code boundedElastic}
 * threads, in servlet and reactive applications alike. It is on unless the application sets
 * {@code spring.reactor.context-propagation} itself ({@code limited} keeps it off).
 *
 * <p>
 * The one place that decides: the reactive session filter's and the Spring AI integration's
 * configurations import it, and Spring registers it once however many of them apply. Needs only
 * Reactor and Micrometer's context-propagation, never a servlet or WebFlux type. Internal: public
 * only for the other Cascade packages' wiring.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { "reactor.core.publisher.Hooks", "io.micrometer.context.ContextRegistry" })
public final class ReactorContextPropagationConfiguration {

	/** Spring Boot's own switch; set, it is the application's decision. */
	static final String PROPERTY = "spring.reactor.context-propagation";

	ReactorContextPropagationConfiguration(Environment environment) {
		if (!environment.containsProperty(PROPERTY)) {
			Hooks.enableAutomaticContextPropagation();
		}
	}

}
