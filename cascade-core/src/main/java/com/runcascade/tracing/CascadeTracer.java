package com.runcascade.tracing;

import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * Starts Cascade runs, agents and sessions. Inject the application's tracer (a bean the
 * auto-configuration defines), or use the static {@link Cascade} facade, which delegates to it.
 *
 * <p>
 * No method throws because of tracing: when a span cannot be started, the work still runs and the
 * problem is logged.
 */
public interface CascadeTracer {

	/**
	 * Start a run without metadata.
	 * @param name run name, used as span name
	 * @return the open scope; close it to end the run
	 * @see #traceRun(String, Map)
	 */
	default CascadeScope traceRun(String name) {
		return traceRun(name, null);
	}

	/**
	 * Start a run: the root of an agent's execution tree. Each metadata entry is recorded as
	 * {@code cascade.<key>}. When the enclosing trace was sampled out, the run starts a trace of its
	 * own, linked to the enclosing span.
	 * @param name run name, used as span name
	 * @param metadata optional metadata
	 * @return the open scope; close it to end the run
	 */
	CascadeScope traceRun(String name, @Nullable Map<String, ?> metadata);

	/**
	 * Run {@code body} inside a run and return its result. An exception thrown by the body is
	 * recorded on the run's span and rethrown unchanged.
	 * @param <T> result type
	 * @param name run name
	 * @param metadata optional metadata
	 * @param body the work
	 * @return the body's result
	 * @throws Exception whatever the body throws
	 */
	default <T> T traceRun(String name, @Nullable Map<String, ?> metadata, Callable<T> body) throws Exception {
		return Scopes.callIn(traceRun(name, metadata), body);
	}

	/**
	 * Run {@code body} inside a run. An exception thrown by the body is recorded on the run's span
	 * and rethrown unchanged.
	 * @param name run name
	 * @param metadata optional metadata
	 * @param body the work
	 */
	default void traceRun(String name, @Nullable Map<String, ?> metadata, Runnable body) {
		Scopes.runIn(traceRun(name, metadata), body);
	}

	/**
	 * Start an agent without metadata.
	 * @param name agent name, used as span name
	 * @return the open scope; close it to end the agent
	 * @see #traceAgent(String, Map)
	 */
	default CascadeScope traceAgent(String name) {
		return traceAgent(name, null);
	}

	/**
	 * Start a (sub-)agent. Every span started inside it, on any thread the context travels to, is
	 * tagged with {@code cascade.agent_name}. Each metadata entry is recorded as
	 * {@code agent.<key>}.
	 * @param name agent name, used as span name
	 * @param metadata optional metadata
	 * @return the open scope; close it to end the agent
	 */
	CascadeScope traceAgent(String name, @Nullable Map<String, ?> metadata);

	/**
	 * Run {@code body} inside an agent and return its result. An exception thrown by the body is
	 * recorded on the agent's span and rethrown unchanged.
	 * @param <T> result type
	 * @param name agent name
	 * @param metadata optional metadata
	 * @param body the work
	 * @return the body's result
	 * @throws Exception whatever the body throws
	 */
	default <T> T traceAgent(String name, @Nullable Map<String, ?> metadata, Callable<T> body) throws Exception {
		return Scopes.callIn(traceAgent(name, metadata), body);
	}

	/**
	 * Run {@code body} inside an agent. An exception thrown by the body is recorded on the agent's
	 * span and rethrown unchanged.
	 * @param name agent name
	 * @param metadata optional metadata
	 * @param body the work
	 */
	default void traceAgent(String name, @Nullable Map<String, ?> metadata, Runnable body) {
		Scopes.runIn(traceAgent(name, metadata), body);
	}

	/**
	 * Bind a session to the current thread's context until {@link #endSession(String)} or the next
	 * call, as the Python SDK's {@code set_session_id} does. Runs started afterwards inherit it, on
	 * any thread the context travels to. For request-scoped work prefer
	 * {@link #sessionScope(String)}, which cannot leak into the next task of a pooled thread.
	 * @param sessionId the session id; blank values are ignored with a warning
	 */
	void setSessionId(String sessionId);

	/**
	 * Make a session current until the returned scope closes, then restore the previous context.
	 * @param sessionId the session id; blank values are ignored with a warning
	 * @return the scope to close
	 */
	CascadeScope sessionScope(String sessionId);

	/**
	 * The session of the current context.
	 * @return the session id, or {@code null} when none is active
	 */
	@Nullable String currentSessionId();

	/**
	 * The innermost agent of the current context.
	 * @return the agent name, or {@code null} outside any agent
	 */
	@Nullable String currentAgentName();

	/**
	 * End a session: record a short {@code cascade.session.end} span and clear the session from the
	 * current context (and from every context sharing it).
	 * @param sessionId the session to end
	 */
	void endSession(String sessionId);

	/**
	 * Trace every LLM call of an SDK client that is not a Spring bean (beans are wrapped
	 * automatically), the Java form of the Python SDK's {@code wrap_llm_client}. Supported: the
	 * Anthropic and OpenAI Java SDK clients, sync and async. Any other object is returned unchanged
	 * with a warning.
	 * @param <T> the client interface, such as {@code AnthropicClient} or {@code OpenAIClient}
	 * @param client the client
	 * @return the traced client (the same instance when it cannot be traced)
	 */
	<T> T wrapLlmClient(T client);

}
