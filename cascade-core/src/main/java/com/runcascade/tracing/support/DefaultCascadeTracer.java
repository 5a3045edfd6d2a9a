package com.runcascade.tracing.support;

import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

import static com.runcascade.tracing.CascadeAttributes.AGENT_NAME;
import static com.runcascade.tracing.CascadeAttributes.SPAN_TYPE;

/**
 * Cascade's own {@link CascadeTracer}: runs, agents and sessions recorded through the
 * application's {@link CascadeInstrumentation}. The auto-configuration makes one the application's
 * tracer unless the application defines a {@code CascadeTracer} of its own. Internal: users see only
 * {@link CascadeTracer}.
 */
public final class DefaultCascadeTracer implements CascadeTracer {

	private static final Logger logger = LoggerFactory.getLogger(DefaultCascadeTracer.class);

	private static final String UNNAMED = "unnamed";

	/** The session bound by {@link #setSessionId(String)} on this thread, so it can be replaced or ended. */
	private static final ThreadLocal<AmbientSession> ambientSession = new ThreadLocal<>();

	private final CascadeInstrumentation instrumentation;

	/**
	 * Create a tracer that records through the application's engine.
	 * @param instrumentation the engine the integrations share
	 */
	public DefaultCascadeTracer(CascadeInstrumentation instrumentation) {
		this.instrumentation = instrumentation;
	}

	@Override
	public <T> T wrapLlmClient(T client) {
		return this.instrumentation.wrapLlmClient(client);
	}

	@Override
	public CascadeScope traceRun(String name, @Nullable Map<String, ?> metadata) {
		try {
			SpanBuilder builder = spanBuilder(nameOrDefault(name));
			addMetadata(builder, "cascade.", metadata);
			builder.setAttribute(SPAN_TYPE, CascadeAttributes.TYPE_FUNCTION);
			SpanContext enclosing = Span.current().getSpanContext();
			if (enclosing.isValid() && !enclosing.isSampled()) {
				// The enclosing trace was sampled out: the run starts its own (kept) trace, linked to it. Its
				// parent context is the current one without the span (not the root), so the session and
				// agent in it still reach the span processors.
				builder.setParent(Context.current().with(Span.getInvalid())).addLink(enclosing);
			}
			Span span = builder.startSpan();
			return open(span, UsageRollup.start(CascadeInstrumentation.withSpan(Context.current(), span), true));
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not start run '" + name + "'; the run continues untraced", ex);
			return CascadeScope.noop();
		}
	}

	@Override
	public CascadeScope traceAgent(String name, @Nullable Map<String, ?> metadata) {
		try {
			String agentName = nameOrDefault(name);
			UsageRollup.hintIfOutsideRun(Context.current(), "agent '" + agentName + "'");
			SpanBuilder builder = spanBuilder(agentName);
			addMetadata(builder, "agent.", metadata);
			builder.setAttribute(SPAN_TYPE, CascadeAttributes.TYPE_AGENT);
			builder.setAttribute(AGENT_NAME, agentName);
			// The GenAI conventions' agent attributes, so OpenTelemetry backends that follow them show agents.
			builder.setAttribute(CascadeAttributes.GEN_AI_OPERATION_NAME, CascadeAttributes.GEN_AI_OPERATION_INVOKE_AGENT);
			builder.setAttribute(CascadeAttributes.GEN_AI_AGENT_NAME, agentName);
			Span span = builder.startSpan();
			Context context = CascadeContext.withAgent(CascadeInstrumentation.withSpan(Context.current(), span), agentName);
			return open(span, UsageRollup.start(context, false));
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not start agent '" + name + "'; the agent continues untraced", ex);
			return CascadeScope.noop();
		}
	}

	@Override
	public void setSessionId(String sessionId) {
		if (isBlank(sessionId)) {
			logger.warn("Cascade ignored a blank session id");
			return;
		}
		try {
			closeAmbientSession();
			Scope scope = CascadeContext.withSession(Context.current(), sessionId).makeCurrent();
			ambientSession.set(new AmbientSession(sessionId, scope));
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not set session id", ex);
		}
	}

	@Override
	public CascadeScope sessionScope(String sessionId) {
		if (isBlank(sessionId)) {
			logger.warn("Cascade ignored a blank session id");
			return CascadeScope.noop();
		}
		try {
			Scope scope = CascadeContext.withSession(Context.current(), sessionId).makeCurrent();
			return scope::close;
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not set session id", ex);
			return CascadeScope.noop();
		}
	}

	@Override
	public @Nullable String currentSessionId() {
		return CascadeContext.sessionId(Context.current());
	}

	@Override
	public @Nullable String currentAgentName() {
		return CascadeContext.agentName(Context.current());
	}

	@Override
	public void endSession(String sessionId) {
		if (isBlank(sessionId)) {
			logger.warn("Cascade ignored endSession for a blank session id");
			return;
		}
		try {
			Span span = spanBuilder(CascadeAttributes.SESSION_END_SPAN_NAME)
				.setAttribute(SPAN_TYPE, CascadeAttributes.TYPE_SESSION_END)
				.startSpan();
			CascadeAttributes.setSession(span, sessionId);
			span.end();
			CascadeContext.end(Context.current(), sessionId);
			AmbientSession ambient = ambientSession.get();
			if (ambient != null && ambient.sessionId.equals(sessionId)) {
				closeAmbientSession();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not end session '" + sessionId + "'", ex);
		}
	}

	private SpanBuilder spanBuilder(String name) {
		return this.instrumentation.otelTracer().spanBuilder(name).setSpanKind(SpanKind.INTERNAL);
	}

	/** Make the span's context current until the scope closes, which ends the span. */
	private CascadeScope open(Span span, Context context) {
		return new SpanScope(span, this.instrumentation.makeCurrent(context), this.instrumentation.contentFormatter(),
				UsageRollup.of(context));
	}

	private static void closeAmbientSession() {
		AmbientSession previous = ambientSession.get();
		if (previous != null) {
			ambientSession.remove();
			previous.scope.close();
		}
	}

	private void addMetadata(SpanBuilder builder, String prefix, @Nullable Map<String, ?> metadata) {
		if (metadata == null) {
			return;
		}
		metadata.forEach((key, value) -> {
			if (key != null) {
				builder.setAttribute(prefix + key, this.instrumentation.contentFormatter().truncate(String.valueOf(value)));
			}
		});
	}

	private static String nameOrDefault(@Nullable String name) {
		if (name == null || name.isBlank()) {
			logger.warn("Cascade got a blank span name; using '" + UNNAMED + "'");
			return UNNAMED;
		}
		return name;
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private record AmbientSession(String sessionId, Scope scope) {
	}

}
