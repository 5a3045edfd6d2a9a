package com.runcascade.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Stamps every span that starts inside an agent or a session (whoever starts it: Cascade, Spring,
 * Spring AI, an HTTP client) with the agent name and session attributes of its parent context.
 * Attributes the span already carries win, so an agent span keeps its own name.
 */
public final class CascadeContextSpanProcessor implements SpanProcessor {

	private static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey(CascadeAttributes.AGENT_NAME);

	private static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey(CascadeAttributes.SESSION_ID);

	private static final AttributeKey<String> OTEL_SESSION_ID = AttributeKey
		.stringKey(CascadeAttributes.OTEL_SESSION_ID);

	private static final AttributeKey<String> CONVERSATION_ID = AttributeKey
		.stringKey(CascadeAttributes.GEN_AI_CONVERSATION_ID);

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		String agentName = CascadeContext.agentName(parentContext);
		if (agentName != null && span.getAttribute(AGENT_NAME) == null) {
			span.setAttribute(AGENT_NAME, agentName);
		}
		String sessionId = CascadeContext.sessionId(parentContext);
		if (sessionId != null && span.getAttribute(SESSION_ID) == null) {
			span.setAttribute(SESSION_ID, sessionId);
			span.setAttribute(OTEL_SESSION_ID, sessionId);
			span.setAttribute(CONVERSATION_ID, sessionId);
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
