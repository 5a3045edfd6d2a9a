package com.runcascade.tracing.support;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeScopeHook;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.LlmClientWrapper;

import static com.runcascade.tracing.CascadeAttributes.AGENT_NAME;
import static com.runcascade.tracing.CascadeAttributes.SPAN_TYPE;

/**
 * The application's {@link CascadeTracer}, and the engine the integrations share: the OpenTelemetry
 * tracer Cascade starts spans with, how content is captured, and how a Cascade context becomes
 * current for OpenTelemetry and Micrometer alike. Internal: the integrations use it, users see
 * only {@link CascadeTracer}.
 */
public final class DefaultCascadeTracer implements CascadeTracer, InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(DefaultCascadeTracer.class);

	private static final String UNNAMED = "unnamed";

	/**
	 * Micrometer Tracing's key for its current span in the OpenTelemetry context, looked up once.
	 * Micrometer's OpenTelemetry bridge prefers that entry over the context's span, and a context
	 * derived from one Micrometer made current (an HTTP server request, say) still carries it: so
	 * Cascade's contexts drop it, or a Micrometer-traced call inside a Cascade span (Spring AI's HTTP
	 * client) would nest under the request instead.
	 */
	private static final @Nullable ContextKey<Object> micrometerKey = micrometerKey();

	/** The session bound by {@link #setSessionId(String)} on this thread, so it can be replaced or ended. */
	private static final ThreadLocal<AmbientSession> ambientSession = new ThreadLocal<>();

	private final Tracer tracer;

	private final ContentFormatter formatter;

	private final Supplier<? extends List<LlmClientWrapper>> llmClientWrappers;

	private final CascadeScopeHook scopeHook;

	/**
	 * Create the tracer on the application's one OpenTelemetry instance.
	 * @param openTelemetry the OpenTelemetry SDK of the application
	 * @param formatter how content is captured and cut
	 * @param llmClientWrappers the SDK integrations, looked up when a client is first wrapped
	 * @param scopeHook called whenever a Cascade context becomes current
	 */
	public DefaultCascadeTracer(OpenTelemetry openTelemetry, ContentFormatter formatter,
			Supplier<? extends List<LlmClientWrapper>> llmClientWrappers, CascadeScopeHook scopeHook) {
		this.tracer = openTelemetry.getTracer(CascadeAttributes.INSTRUMENTATION_SCOPE);
		this.formatter = formatter;
		this.llmClientWrappers = llmClientWrappers;
		this.scopeHook = scopeHook;
	}

	/**
	 * Make a context holding a Cascade span current, so that spans started by OpenTelemetry and by
	 * Micrometer Observations (Spring AI, Spring MVC clients) nest under it.
	 * @param context the context
	 * @return the scope to close on the same thread
	 */
	public Scope makeCurrent(Context context) {
		Scope scope = context.makeCurrent();
		Runnable exit;
		try {
			exit = this.scopeHook.enter(context);
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade scope hook failed", ex);
			return scope;
		}
		if (exit == null) {
			return scope;
		}
		return () -> {
			try {
				exit.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Cascade scope hook failed", ex);
			}
			scope.close();
		};
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T wrapLlmClient(T client) {
		try {
			for (LlmClientWrapper wrapper : this.llmClientWrappers.get()) {
				if (wrapper.supports(client)) {
					return (T) wrapper.wrap(client);
				}
			}
			logger.warn("Cascade cannot trace " + client.getClass().getName() + ": wrapLlmClient supports the "
					+ "Anthropic and OpenAI Java SDK clients (with the SDK on the classpath); returning it unchanged");
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not wrap " + client.getClass().getName() + "; returning it unchanged", ex);
		}
		return client;
	}

	/**
	 * The OpenTelemetry tracer Cascade starts its spans with, shared by every integration.
	 * @return the tracer
	 */
	public Tracer otelTracer() {
		return this.tracer;
	}

	/**
	 * How content is captured and cut, shared by every integration.
	 * @return the formatter
	 */
	public ContentFormatter contentFormatter() {
		return this.formatter;
	}

	@Override
	public CascadeScope traceRun(String name, @Nullable Map<String, ?> metadata) {
		try {
			SpanBuilder builder = this.tracer.spanBuilder(nameOrDefault(name)).setSpanKind(SpanKind.INTERNAL);
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
			Context context = UsageRollup.start(withSpan(Context.current(), span), true);
			return new SpanScope(span, makeCurrent(context), this.formatter, UsageRollup.of(context));
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
			SpanBuilder builder = this.tracer.spanBuilder(agentName).setSpanKind(SpanKind.INTERNAL);
			addMetadata(builder, "agent.", metadata);
			builder.setAttribute(SPAN_TYPE, CascadeAttributes.TYPE_AGENT);
			builder.setAttribute(AGENT_NAME, agentName);
			// The GenAI conventions' agent attributes, so OpenTelemetry backends that follow them show agents.
			builder.setAttribute(CascadeAttributes.GEN_AI_OPERATION_NAME, CascadeAttributes.GEN_AI_OPERATION_INVOKE_AGENT);
			builder.setAttribute(CascadeAttributes.GEN_AI_AGENT_NAME, agentName);
			Span span = builder.startSpan();
			Context context = UsageRollup.start(CascadeContext.withAgent(withSpan(Context.current(), span), agentName),
					false);
			return new SpanScope(span, makeCurrent(context), this.formatter, UsageRollup.of(context));
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
			Span span = this.tracer.spanBuilder(CascadeAttributes.SESSION_END_SPAN_NAME)
				.setSpanKind(SpanKind.INTERNAL)
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

	@Override
	public void afterPropertiesSet() {
		UsageRollup.rearmHint();
		Cascade.bind(this);
	}

	@Override
	public void destroy() {
		Cascade.unbind(this);
	}

	/**
	 * The context with the span as its current span for OpenTelemetry and Micrometer alike.
	 * @param parent the context the span starts in
	 * @param span the span
	 * @return the span's context
	 */
	public static Context withSpan(Context parent, Span span) {
		Context context = parent.with(span);
		ContextKey<Object> key = micrometerKey;
		return (key != null && context.get(key) != null) ? context.with(key, null) : context;
	}

	@SuppressWarnings("unchecked")
	private static @Nullable ContextKey<Object> micrometerKey() {
		try {
			Class<?> type = Class.forName("io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext", false,
					DefaultCascadeTracer.class.getClassLoader());
			Field field = type.getDeclaredField("OTEL_CONTEXT_KEY");
			field.setAccessible(true);
			return (ContextKey<Object>) field.get(null);
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Cascade could not find Micrometer Tracing's context key; a Micrometer-traced call inside a "
					+ "Cascade span may nest under the enclosing Micrometer span instead", ex);
			return null;
		}
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
				builder.setAttribute(prefix + key, this.formatter.truncate(String.valueOf(value)));
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
