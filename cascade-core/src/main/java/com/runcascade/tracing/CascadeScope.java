package com.runcascade.tracing;

/**
 * An open run, agent or session scope. Close it, ideally with try-with-resources, on the thread
 * that opened it: closing ends the span (if any) and restores the previous context.
 */
public interface CascadeScope extends AutoCloseable {

	/**
	 * Record that the work in this scope failed: the span gets status ERROR and an exception event.
	 * Try-with-resources cannot see the exception of its block, so call this from a catch clause, or
	 * use the {@code Callable} forms of {@link Cascade#traceRun(String, java.util.Map, java.util.concurrent.Callable)}
	 * which do it for you. A scope without a span (a session scope, or the no-op scope) ignores it.
	 * @param error the failure
	 */
	default void recordError(Throwable error) {
	}

	/**
	 * Add an attribute to the scope's span (cut to {@code cascade.max-attribute-length}). A scope
	 * without a span ignores it.
	 * @param key attribute name
	 * @param value attribute value
	 */
	default void setAttribute(String key, String value) {
	}

	/** End the span, if any, and restore the previous context. */
	@Override
	void close();

	/**
	 * A scope that does nothing: what Cascade hands out when tracing is off or a span could not
	 * start, and a stand-in for tests of code that takes a scope.
	 * @return the no-op scope
	 */
	static CascadeScope noop() {
		return NoopScope.INSTANCE;
	}

}
