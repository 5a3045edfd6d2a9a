package com.runcascade.tracing.springai;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A Micrometer observation that stands for a Cascade LLM call below Spring AI's observations. It is
 * never started, so it records nothing; opening its scope makes the call's OpenTelemetry context
 * (the LLM span, and the marker that a Cascade LLM call is being recorded) current.
 *
 * <p>
 * Spring AI derives the parent of each observation from the current observation (or, in a stream,
 * from the one in the Reactor context) and opens that parent's scope while starting it; Micrometer
 * Tracing then takes the parent span from there. With this observation current, Spring AI's model
 * call and {@code chat} observations start below the LLM span and see the Cascade call, instead of
 * beside it. Its scopes nest like any other observation's, so Reactor's automatic context
 * propagation restores it correctly on other threads.
 */
final class LlmContextObservation {

	static final String NAME = "cascade.llm.context";

	private static final ObservationRegistry registry = ObservationRegistry.create();

	static {
		registry.observationConfig().observationHandler(new ContextScopeHandler());
	}

	private LlmContextObservation() {
	}

	static Observation of(Context llmContext) {
		return Observation.createNotStarted(NAME, () -> new LlmContext(llmContext), registry);
	}

	static Observation.Scope openScope(Context llmContext) {
		return openScope(of(llmContext));
	}

	/** Opens the observation's scope; a failure leaves the request untouched rather than failing it. */
	static Observation.Scope openScope(Observation observation) {
		try {
			return observation.openScope();
		}
		catch (RuntimeException ex) {
			return Observation.Scope.NOOP;
		}
	}

	/** The observation context, carrying the OpenTelemetry context of the LLM call. */
	static final class LlmContext extends Observation.Context {

		private final Context otelContext;

		LlmContext(Context otelContext) {
			this.otelContext = otelContext;
		}

		Context otelContext() {
			return this.otelContext;
		}

	}

	/** Makes the LLM call's context current while a scope of its observation is open on a thread. */
	static final class ContextScopeHandler implements ObservationHandler<LlmContext> {

		/** Observation scopes open and close in order on each thread, so a stack per thread suffices. */
		private static final ThreadLocal<Deque<Scope>> openScopes = ThreadLocal.withInitial(ArrayDeque::new);

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof LlmContext;
		}

		@Override
		public void onScopeOpened(LlmContext context) {
			openScopes.get().push(context.otelContext().makeCurrent());
		}

		@Override
		public void onScopeClosed(LlmContext context) {
			Scope scope = openScopes.get().poll();
			if (scope != null) {
				scope.close();
			}
		}

		@Override
		public void onScopeReset(LlmContext context) {
			Deque<Scope> scopes = openScopes.get();
			while (!scopes.isEmpty()) {
				scopes.pop().close();
			}
		}

	}

}
