package com.runcascade.tracing.support;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

import com.runcascade.tracing.CascadeAttributes;

/**
 * Stamps every span that starts inside an agent or a session (whoever starts it: Cascade, Spring,
 * Spring AI, an HTTP client) with the agent name and session attributes of its parent context.
 * Attributes the span already carries win, so an agent span keeps its own name.
 * <p>
 * Internal: public only for the auto-configuration (its bean type).
 */
public final class CascadeContextSpanProcessor implements SpanProcessor {





	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		String agentName = CascadeContext.agentName(parentContext);
		if (agentName != null && span.getAttribute(CascadeAttributes.AGENT_NAME) == null) {
			span.setAttribute(CascadeAttributes.AGENT_NAME, agentName);
		}
		String sessionId = CascadeContext.sessionId(parentContext);
		if (sessionId != null && span.getAttribute(CascadeAttributes.SESSION_ID) == null) {
			CascadeAttributes.setSession(span, sessionId);
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
