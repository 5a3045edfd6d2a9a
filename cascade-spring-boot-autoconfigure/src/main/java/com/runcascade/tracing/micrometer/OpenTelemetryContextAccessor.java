package com.runcascade.tracing.micrometer;

import java.util.ArrayDeque;
import java.util.Deque;

import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

/**
 * Carries the current OpenTelemetry context (a Cascade run, agent, tool or LLM call) across the
 * thread hops of Reactor's automatic context propagation, and of anything else that uses
 * Micrometer's context-propagation library, when no observation is current.
 *
 * <p>
 * When an observation is current, a Cascade scope opened there also opens a bridge observation
 * ({@link ObservationBridge}), and the observation's own accessor carries both; this accessor then
 * captures nothing, so the two never restore the same context twice. Without an observation no
 * bridge is made (it would cost a Micrometer observation per scope), and this accessor does the
 * carrying. Registered through {@code META-INF/services}, as Micrometer registers its own.
 */
public final class OpenTelemetryContextAccessor implements ThreadLocalAccessor<Context> {

	/** The key of this accessor's value in a context snapshot or a Reactor context. */
	public static final String KEY = "cascade.opentelemetry.context";

	/** Scopes opened by {@link #setValue(Context)}, closed in reverse order by {@link #restore()}. */
	private static final ThreadLocal<Deque<Scope>> openScopes = ThreadLocal.withInitial(ArrayDeque::new);

	@Override
	public Object key() {
		return KEY;
	}

	@Override
	public @Nullable Context getValue() {
		if (ObservationBridge.isObservationCurrent()) {
			return null;
		}
		Context current = Context.current();
		return (current == Context.root()) ? null : current;
	}

	@Override
	public void setValue(Context value) {
		openScopes.get().push(value.makeCurrent());
	}

	/**
	 * A snapshot without this key leaves the thread's OpenTelemetry context alone: clearing it could
	 * undo what the observation accessor restored a moment earlier.
	 */
	@Override
	public void setValue() {
		openScopes.get().push(Scope.noop());
	}

	@Override
	public void restore(Context previousValue) {
		restore();
	}

	@Override
	public void restore() {
		Scope scope = openScopes.get().poll();
		if (scope != null) {
			scope.close();
		}
	}

}
