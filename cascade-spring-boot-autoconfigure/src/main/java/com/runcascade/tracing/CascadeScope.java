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
	 * which do it for you.
	 * @param error the failure
	 */
	void recordError(Throwable error);

	/**
	 * Add an attribute to the scope's span (cut to {@code cascade.max-attribute-length}).
	 * @param key attribute name
	 * @param value attribute value
	 */
	void setAttribute(String key, String value);

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
