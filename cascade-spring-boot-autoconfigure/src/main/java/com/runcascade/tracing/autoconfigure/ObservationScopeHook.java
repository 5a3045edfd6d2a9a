package com.runcascade.tracing.autoconfigure;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

import com.runcascade.tracing.CascadeScopeHook;

/**
 * Hides the enclosing Micrometer observation (an HTTP server request, say) while a Cascade scope
 * is current. A new observation then has no parent observation, so Micrometer's tracing handler
 * parents its span on the current OpenTelemetry span, which is Cascade's run, agent or LLM call.
 */
final class ObservationScopeHook implements CascadeScopeHook {

	private final ObjectProvider<ObservationRegistry> registryProvider;

	/** Resolved on first use; the registry is created after the tracer. */
	private @Nullable ObservationRegistry registry;

	ObservationScopeHook(ObjectProvider<ObservationRegistry> registryProvider) {
		this.registryProvider = registryProvider;
	}

	@Override
	public @Nullable Runnable enter() {
		ObservationRegistry registry = registry();
		if (registry == null || registry.isNoop()) {
			return null;
		}
		Observation.Scope enclosing = registry.getCurrentObservationScope();
		if (enclosing == null) {
			return null;
		}
		registry.setCurrentObservationScope(null);
		return () -> registry.setCurrentObservationScope(enclosing);
	}

	private @Nullable ObservationRegistry registry() {
		ObservationRegistry current = this.registry;
		if (current == null) {
			current = this.registryProvider.getIfAvailable();
			this.registry = current;
		}
		return current;
	}

}
