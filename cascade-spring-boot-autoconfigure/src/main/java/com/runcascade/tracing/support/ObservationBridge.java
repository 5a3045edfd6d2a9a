package com.runcascade.tracing.support;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * The one bridge between Cascade's OpenTelemetry context and Micrometer observations.
 *
 * <p>
 * Spring AI, Spring MVC clients and Reactor find their parent through the current observation
 * (or the one in a Reactor context), not through the current OpenTelemetry span. When a Cascade
 * run, agent, tool, function or LLM call becomes current, an observation that carries its
 * OpenTelemetry context is made current too. It is never started, so it records nothing. Opening
 * its scope, on this thread or on another one that Reactor's context propagation restores it on,
 * makes the Cascade context current there; new observations take it as their parent, and
 * {@link #contextOf(ObservationView)} finds the Cascade context from any of its descendants.
 *
 * <p>
 * Micrometer keeps the current observation scope per thread for every registry alike, so a small
 * registry of its own serves here and needs no wiring.
 */
public final class ObservationBridge {

	static final String NAME = "cascade.context";

	private static final ContextScopeHandler scopeHandler = new ContextScopeHandler();

	private static final ObservationRegistry registry = ObservationRegistry.create();

	static {
		registry.observationConfig().observationHandler(scopeHandler);
	}

	private ObservationBridge() {
	}

	/**
	 * An observation that stands for a Cascade context, to put into a Reactor context under
	 * {@code ObservationThreadLocalAccessor.KEY} or to open on a thread.
	 * @param context the OpenTelemetry context to carry
	 * @return the (never started) observation
	 */
	public static Observation observationOf(Context context) {
		Observation.Context carrier = new Observation.Context();
		carrier.put(Context.class, context);
		return Observation.createNotStarted(NAME, () -> carrier, registry);
	}

	/**
	 * Make a Cascade context the current observation of this thread until the scope closes.
	 * @param context the OpenTelemetry context to carry
	 * @return the scope to close on the same thread; a no-op scope if it could not be opened
	 */
	public static Observation.Scope open(Context context) {
		try {
			return observationOf(context).openScope();
		}
		catch (RuntimeException ex) {
			return Observation.Scope.NOOP;
		}
	}

	/**
	 * The handler that makes the carried context current in each scope of an observation that
	 * carries one, for Cascade's other observation handlers to share.
	 * @return the handler
	 */
	public static ObservationHandler<Observation.Context> scopeHandler() {
		return scopeHandler;
	}

	/**
	 * The Cascade context an observation carries, or else the nearest one among its parents.
	 * Cascade's own observation handlers put it into every observation they handle, too.
	 * @param observation the observation, may be {@code null}
	 * @return the context, or {@code null} when none of them carries one
	 */
	public static @Nullable Context contextOf(@Nullable ObservationView observation) {
		ObservationView current = observation;
		// Bounded: a parent chain is short, and a cycle must not hang the caller.
		for (int depth = 0; current != null && depth < 64; depth++) {
			Observation.ContextView view = current.getContextView();
			Context context = view.get(Context.class);
			if (context != null) {
				return context;
			}
			current = view.getParentObservation();
		}
		return null;
	}

	/**
	 * Makes the carried context current while a scope of a bridge observation is open. Scopes of
	 * observations open and close in order on each thread, so a stack per thread suffices.
	 */
	static final class ContextScopeHandler implements ObservationHandler<Observation.Context> {

		private static final ThreadLocal<Deque<Scope>> openScopes = ThreadLocal.withInitial(ArrayDeque::new);

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context.get(Context.class) != null;
		}

		@Override
		public void onScopeOpened(Observation.Context context) {
			Context carried = context.get(Context.class);
			if (carried != null) {
				openScopes.get().push(carried.makeCurrent());
			}
		}

		@Override
		public void onScopeClosed(Observation.Context context) {
			Scope scope = openScopes.get().poll();
			if (scope != null) {
				scope.close();
			}
		}

		@Override
		public void onScopeReset(Observation.Context context) {
			Deque<Scope> scopes = openScopes.get();
			while (!scopes.isEmpty()) {
				scopes.pop().close();
			}
		}

	}

}
