package com.runcascade.tracing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Static entry points mirroring the Cascade Python SDK ({@code trace_run}, {@code trace_agent},
 * {@code set_session_id}, {@code end_session}). Each delegates to the {@link CascadeTracer} of the
 * running Spring application. Before a context exists every call is a safe no-op (logged once),
 * and the traced work still runs. With several contexts open, calls go to the most recently
 * started one still open; closing it hands them back to the previous one.
 *
 * <pre>{@code
 * Plan plan = Cascade.traceRun("Orchestrator", Map.of(), () ->
 *     Cascade.traceAgent("PlannerAgent", null, () -> planner.plan(task)));
 * }</pre>
 * The {@code Callable} forms record an exception on the run or agent and rethrow it; a scope opened
 * with try-with-resources needs {@link CascadeScope#recordError} in a {@code catch}, or it ends OK.
 */
public final class Cascade {

	private static final Logger logger = LoggerFactory.getLogger(Cascade.class);

	/** The tracer calls go to: the most recently bound one still open. Read without a lock. */
	private static volatile @Nullable CascadeTracer tracer;

	/**
	 * Every bound tracer, oldest first. Test suites often keep several application contexts open;
	 * closing one must hand the facade back to the previous one, not leave it silent.
	 */
	private static final Deque<CascadeTracer> bound = new ArrayDeque<>();

	private static final AtomicBoolean warnedUnbound = new AtomicBoolean();

	private Cascade() {
	}

	/**
	 * Make a tracer the one these static methods use, until {@link #unbind(CascadeTracer)}. The
	 * auto-configuration binds the application's tracer when its context starts and unbinds it when
	 * the context closes; tests can bind a tracer of their own.
	 * @param cascadeTracer the tracer
	 */
	public static void bind(CascadeTracer cascadeTracer) {
		synchronized (bound) {
			bound.remove(cascadeTracer);
			bound.addLast(cascadeTracer);
			tracer = cascadeTracer;
		}
	}

	/** The bound tracers, oldest first (the last one gets the calls). */
	static List<CascadeTracer> bound() {
		synchronized (bound) {
			return List.copyOf(bound);
		}
	}

	/**
	 * Stop using a tracer; calls go back to the most recently bound tracer still bound, or become
	 * no-ops when there is none.
	 * @param cascadeTracer the tracer
	 */
	public static void unbind(CascadeTracer cascadeTracer) {
		synchronized (bound) {
			// Contexts may close in any order: drop this one wherever it is, keep the latest still open.
			bound.remove(cascadeTracer);
			tracer = bound.peekLast();
		}
	}

	public static CascadeScope traceRun(String name) {
		CascadeTracer current = tracer();
		return (current != null) ? current.traceRun(name) : NoopScope.INSTANCE;
	}

	public static CascadeScope traceRun(String name, @Nullable Map<String, ?> metadata) {
		CascadeTracer current = tracer();
		return (current != null) ? current.traceRun(name, metadata) : NoopScope.INSTANCE;
	}

	/**
	 * Run {@code body} inside a run span and return its result. An exception thrown by the body is
	 * recorded on the span and rethrown unchanged.
	 * @param <T> result type
	 * @param name run name
	 * @param metadata optional metadata
	 * @param body the work
	 * @return the body's result
	 * @throws Exception whatever the body throws
	 */
	public static <T> T traceRun(String name, @Nullable Map<String, ?> metadata, Callable<T> body) throws Exception {
		CascadeTracer current = tracer();
		return (current != null) ? current.traceRun(name, metadata, body) : body.call();
	}

	public static void traceRun(String name, @Nullable Map<String, ?> metadata, Runnable body) {
		CascadeTracer current = tracer();
		if (current != null) {
			current.traceRun(name, metadata, body);
		}
		else {
			body.run();
		}
	}

	public static CascadeScope traceAgent(String name) {
		CascadeTracer current = tracer();
		return (current != null) ? current.traceAgent(name) : NoopScope.INSTANCE;
	}

	public static CascadeScope traceAgent(String name, @Nullable Map<String, ?> metadata) {
		CascadeTracer current = tracer();
		return (current != null) ? current.traceAgent(name, metadata) : NoopScope.INSTANCE;
	}

	public static <T> T traceAgent(String name, @Nullable Map<String, ?> metadata, Callable<T> body)
			throws Exception {
		CascadeTracer current = tracer();
		return (current != null) ? current.traceAgent(name, metadata, body) : body.call();
	}

	public static void traceAgent(String name, @Nullable Map<String, ?> metadata, Runnable body) {
		CascadeTracer current = tracer();
		if (current != null) {
			current.traceAgent(name, metadata, body);
		}
		else {
			body.run();
		}
	}

	/** See {@link CascadeTracer#setSessionId(String)}. */
	public static void setSessionId(String sessionId) {
		CascadeTracer current = tracer();
		if (current != null) {
			current.setSessionId(sessionId);
		}
	}

	/** See {@link CascadeTracer#sessionScope(String)}. */
	public static CascadeScope sessionScope(String sessionId) {
		CascadeTracer current = tracer();
		return (current != null) ? current.sessionScope(sessionId) : NoopScope.INSTANCE;
	}

	public static @Nullable String currentSessionId() {
		CascadeTracer current = tracer();
		return (current != null) ? current.currentSessionId() : null;
	}

	/** See {@link CascadeTracer#endSession(String)}. */
	public static void endSession(String sessionId) {
		CascadeTracer current = tracer();
		if (current != null) {
			current.endSession(sessionId);
		}
	}

	/** See {@link CascadeTracer#wrapLlmClient(Object)}; before a context exists the client is returned unchanged. */
	public static <T> T wrapLlmClient(T client) {
		CascadeTracer current = tracer();
		return (current != null) ? current.wrapLlmClient(client) : client;
	}

	/**
	 * An executor that runs each task in the Cascade context (run, agent, session and current span)
	 * that was current when the task was submitted. Use it for pools the application creates itself;
	 * Spring's own task executors already carry the context.
	 * @param executor the executor to wrap
	 * @return the wrapping executor
	 */
	public static ExecutorService wrap(ExecutorService executor) {
		return Context.taskWrapping(executor);
	}

	/**
	 * An executor that runs each task in the Cascade context that was current when the task was
	 * submitted. See {@link #wrap(ExecutorService)}.
	 * @param executor the executor to wrap
	 * @return the wrapping executor
	 */
	public static Executor wrap(Executor executor) {
		return Context.taskWrapping(executor);
	}

	/**
	 * A task that runs in the Cascade context current now, on whichever thread runs it (a
	 * {@code CompletableFuture} on the common pool, say).
	 * @param task the task
	 * @return the task bound to the current context
	 */
	public static Runnable withContext(Runnable task) {
		return Context.current().wrap(task);
	}

	/**
	 * A supplier that runs in the Cascade context current now, on whichever thread calls it
	 * ({@code CompletableFuture.supplyAsync}, say).
	 * @param <T> the result type
	 * @param supplier the supplier
	 * @return the supplier bound to the current context
	 */
	public static <T> Supplier<T> withContext(Supplier<T> supplier) {
		Context context = Context.current();
		return () -> {
			try (Scope ignored = context.makeCurrent()) {
				return supplier.get();
			}
		};
	}

	/**
	 * A function that runs in the Cascade context current now, on whichever thread calls it (the
	 * workers of a parallel stream, say). ({@code java.util.function.Function}, not Cascade's
	 * {@link Function} annotation.)
	 * @param <T> the argument type
	 * @param <R> the result type
	 * @param function the function
	 * @return the function bound to the current context
	 */
	public static <T, R> java.util.function.Function<T, R> withContext(java.util.function.Function<T, R> function) {
		Context context = Context.current();
		return (argument) -> {
			try (Scope ignored = context.makeCurrent()) {
				return function.apply(argument);
			}
		};
	}

	private static @Nullable CascadeTracer tracer() {
		CascadeTracer current = tracer;
		if (current == null && !warnedUnbound.get() && warnedUnbound.compareAndSet(false, true)) {
			logger.warn("Cascade is not initialised yet (no Spring context with Cascade auto-configuration); "
					+ "tracing calls are no-ops until it is");
		}
		return current;
	}

}
