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

	public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey(CascadeAttributes.TOOL_NAME);

	public static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey
		.stringKey(CascadeAttributes.TOOL_DESCRIPTION);

	public static final AttributeKey<String> TOOL_INPUT = AttributeKey.stringKey(CascadeAttributes.TOOL_INPUT);

	public static final AttributeKey<String> TOOL_OUTPUT = AttributeKey.stringKey(CascadeAttributes.TOOL_OUTPUT);

	public static final AttributeKey<Double> TOOL_DURATION_MS = AttributeKey
		.doubleKey(CascadeAttributes.TOOL_DURATION_MS);

	public static final AttributeKey<String> TOOL_ERROR = AttributeKey.stringKey(CascadeAttributes.TOOL_ERROR);

	public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey
		.stringKey(CascadeAttributes.GEN_AI_OPERATION_NAME);

	public static final AttributeKey<String> GEN_AI_AGENT_NAME = AttributeKey
		.stringKey(CascadeAttributes.GEN_AI_AGENT_NAME);

	public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey
		.stringKey(CascadeAttributes.GEN_AI_TOOL_NAME);

	public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = AttributeKey
		.stringKey(CascadeAttributes.GEN_AI_TOOL_CALL_ID);

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
