package com.runcascade.tracing.support;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

/**
 * Cascade's entries in the OpenTelemetry {@link Context}: the current agent name, the session, and
 * the mark that makes the sampler record a whole subtree. They travel with the context to every
 * thread it is propagated to.
 */
public final class CascadeContext {

	/**
	 * The longest conversation or memory id an integration takes as the session id (Spring AI's
	 * conversation id, LangChain4j's memory id); longer ones are not sessions.
	 */
	public static final int MAX_CONVERSATION_SESSION_ID_LENGTH = 256;

	private static final ContextKey<String> AGENT_NAME = ContextKey.named("cascade-agent-name");

	private static final ContextKey<Session> SESSION = ContextKey.named("cascade-session");

	private static final ContextKey<Boolean> RECORD_WHOLE = ContextKey.named("cascade-record-whole");

	private CascadeContext() {
	}

	/**
	 * The innermost agent name in a context.
	 * @param context the context
	 * @return the agent name, or {@code null} outside any agent
	 */
	public static @Nullable String agentName(Context context) {
		return context.get(AGENT_NAME);
	}

	/**
	 * The active session id in a context.
	 * @param context the context
	 * @return the session id, or {@code null} when none is set or it has ended
	 */
	public static @Nullable String sessionId(Context context) {
		Session session = context.get(SESSION);
		return (session != null && !session.ended) ? session.id : null;
	}

	public static Context withAgent(Context context, String agentName) {
		return context.with(AGENT_NAME, agentName);
	}

	/**
	 * A context with the given session, for integrations that learn the session from the framework
	 * (a ChatClient conversation id, say).
	 * @param context the context
	 * @param sessionId the session id
	 * @return the context with the session
	 */
	public static Context withSession(Context context, String sessionId) {
		return context.with(SESSION, new Session(sessionId));
	}

	/**
	 * Mark the session of a context as ended, if it is the given one. Every context that shares it,
	 * on any thread, stops reporting it.
	 */
	public static boolean end(Context context, String sessionId) {
		Session session = context.get(SESSION);
		if (session != null && session.id.equals(sessionId)) {
			session.ended = true;
			return true;
		}
		return false;
	}

	/**
	 * The context with the mark that tells Cascade's sampler to record everything below it.
	 * @param context a context
	 * @return the marked context
	 */
	public static Context recordWhole(Context context) {
		return context.with(RECORD_WHOLE, Boolean.TRUE);
	}

	/**
	 * Whether spans started under this context are always recorded.
	 * @param context a parent context
	 * @return whether it carries the mark
	 */
	public static boolean isRecordedWhole(Context context) {
		return context.get(RECORD_WHOLE) != null;
	}

	/** A session bound into a context; ending it is visible to every context that shares it. */
	private static final class Session {

		final String id;

		volatile boolean ended;

		Session(String id) {
			this.id = id;
		}

	}

}
