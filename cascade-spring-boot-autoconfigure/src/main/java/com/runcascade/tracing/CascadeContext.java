package com.runcascade.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

/**
 * Where Cascade keeps the current agent name and session in the OpenTelemetry {@link Context}, so
 * both travel with the context to every thread it is propagated to.
 */
public final class CascadeContext {

	private static final ContextKey<String> AGENT_NAME = ContextKey.named("cascade-agent-name");

	private static final ContextKey<Session> SESSION = ContextKey.named("cascade-session");

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

	static Context withAgent(Context context, String agentName) {
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
	static boolean end(Context context, String sessionId) {
		Session session = context.get(SESSION);
		if (session != null && session.id.equals(sessionId)) {
			session.ended = true;
			return true;
		}
		return false;
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
