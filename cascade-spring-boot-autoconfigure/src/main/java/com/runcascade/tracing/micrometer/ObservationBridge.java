package com.runcascade.tracing.micrometer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

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
 * run, agent, tool, function or LLM call becomes current while an observation is current, an
 * observation that carries its OpenTelemetry context is made current too (with none current, new
 * observations take the current span as their parent anyway, and
 * {@link OpenTelemetryContextAccessor} carries the context across Reactor's hops). It is never
 * started, so it records nothing. Opening
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

	/** Key of a {@code Supplier<Context>} in an observation whose context is known only later. */
	private static final Object DEFERRED = new Object();

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
		Carrier carrier = new Carrier(context, null);
		return Observation.createNotStarted(NAME, carrier, registry);
	}

	/**
	 * An observation for a Cascade context that is known only later: each time its scope opens, on
	 * whatever thread, it makes the context the supplier gives then current. A stream's request is
	 * made before its LLM span exists, yet the HTTP call it leads to should nest under that span.
	 * @param context supplies the context to carry; must not throw
	 * @return the (never started) observation
	 */
	public static Observation observationOf(Supplier<Context> context) {
		Carrier carrier = new Carrier(null, context);
		return Observation.createNotStarted(NAME, carrier, registry);
	}

	/**
	 * Open an observation's scope on this thread; a failure leaves the work untouched.
	 * @param observation the observation
	 * @return the scope to close on the same thread
	 */
	public static Observation.Scope open(Observation observation) {
		try {
			return observation.openScope();
		}
		catch (RuntimeException ex) {
			return Observation.Scope.NOOP;
		}
	}

	/**
	 * Make a Cascade context the current observation of this thread until the scope closes.
	 * @param context the OpenTelemetry context to carry
	 * @return the scope to close on the same thread; a no-op scope if it could not be opened
	 */
	public static Observation.Scope open(Context context) {
		return open(observationOf(context));
	}

	/**
	 * Whether an observation scope is open on this thread. Micrometer keeps the current scope in
	 * one thread-local for all registries, so the bridge's own registry answers for every one.
	 * @return whether some observation is current
	 */
	public static boolean isObservationCurrent() {
		return registry.getCurrentObservationScope() != null;
	}

	/**
	 * This thread's current observation, of any registry (see {@link #isObservationCurrent()}).
	 * @return the current observation, or {@code null} when none is current
	 */
	public static @Nullable Observation currentObservation() {
		return registry.getCurrentObservation();
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
			Context context = carried(view);
			if (context != null) {
				return context;
			}
			current = view.getParentObservation();
		}
		return null;
	}

	/**
	 * The Cascade context one observation carries itself, not looking at its parents.
	 * @param view the observation's context
	 * @return the context, or {@code null} when it carries none
	 */
	public static @Nullable Context carried(Observation.ContextView view) {
		Context context = view.get(Context.class);
		if (context != null) {
			return context;
		}
		Supplier<Context> deferred = view.get(DEFERRED);
		return (deferred != null) ? deferred.get() : null;
	}

	/**
	 * The context of a bridge observation. It answers for the Cascade context (or its supplier)
	 * from a field, so a bridge observation, made for every Cascade scope, costs no map entry; and
	 * it is its own supplier.
	 */
	static final class Carrier extends Observation.Context implements Supplier<Observation.Context> {

		private final @Nullable Context context;

		private final @Nullable Supplier<Context> deferred;

		Carrier(@Nullable Context context, @Nullable Supplier<Context> deferred) {
			this.context = context;
			this.deferred = deferred;
		}

		@Override
		public Observation.Context get() {
			return this;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> @Nullable T get(Object key) {
			if (key == Context.class) {
				return (T) this.context;
			}
			if (key == DEFERRED) {
				return (T) this.deferred;
			}
			return super.get(key);
		}

		@Override
		public boolean containsKey(Object key) {
			return (key == Context.class) ? this.context != null
					: (key == DEFERRED) ? this.deferred != null : super.containsKey(key);
		}

		@Override
		public <T> T getOrDefault(Object key, T defaultObject) {
			T value = get(key);
			return (value != null) ? value : defaultObject;
		}

		@Override
		public <T> T getRequired(Object key) {
			T value = get(key);
			if (value == null) {
				throw new IllegalArgumentException("Context does not have an entry for key [" + key + "]");
			}
			return value;
		}

	}

	/**
	 * Makes the carried context current while a scope of a bridge observation is open. Scopes of
	 * observations open and close in order on each thread, so a stack per thread suffices.
	 */
	static final class ContextScopeHandler implements ObservationHandler<Observation.Context> {

		private static final ThreadLocal<Deque<Scope>> openScopes = ThreadLocal.withInitial(ArrayDeque::new);

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context.get(Context.class) != null || context.get(DEFERRED) != null;
		}

		@Override
		public void onScopeOpened(Observation.Context context) {
			Context carried = carried(context);
			if (carried != null) {
				// Cascade's own scopes open the bridge right after making the context current.
				openScopes.get().push((Context.current() == carried) ? Scope.noop() : carried.makeCurrent());
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
