package com.runcascade.tracing.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

import com.runcascade.tracing.CascadeAttributes;

/**
 * Typed keys of the Cascade attributes that several integrations write, made once: the
 * {@code String} overloads of {@code setAttribute} would build a new key on every call.
 */
public final class AttributeKeys {

	public static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey(CascadeAttributes.SPAN_TYPE);

	public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey(CascadeAttributes.AGENT_NAME);

	public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey(CascadeAttributes.SESSION_ID);

	public static final AttributeKey<String> OTEL_SESSION_ID = AttributeKey
		.stringKey(CascadeAttributes.OTEL_SESSION_ID);

	public static final AttributeKey<String> CONVERSATION_ID = AttributeKey
		.stringKey(CascadeAttributes.GEN_AI_CONVERSATION_ID);

	private AttributeKeys() {
	}

	/**
	 * Record a session under the three names trace tools group by.
	 * @param span the span
	 * @param sessionId the session id
	 */
	public static void setSession(Span span, String sessionId) {
		span.setAttribute(SESSION_ID, sessionId);
		span.setAttribute(OTEL_SESSION_ID, sessionId);
		span.setAttribute(CONVERSATION_ID, sessionId);
	}

}
