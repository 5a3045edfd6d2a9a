package com.runcascade.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.SpanContexts;
import com.runcascade.tracing.support.UsageRollup;

import static com.runcascade.tracing.CascadeAttributes.AGENT_NAME;
import static com.runcascade.tracing.CascadeAttributes.SPAN_TYPE;

/**
 * Starts Cascade runs, agents and sessions. Inject it, or use the static {@link Cascade} facade,
 * which delegates to the tracer of the running application context.
 *
 * <p>
 * No method throws because of tracing: when a span cannot be started, the work still runs and
 * the problem is logged.
 */
public class CascadeTracer implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(CascadeTracer.class);

	private static final String UNNAMED = "unnamed";

	/** The session bound by {@link #setSessionId(String)} on this thread, so it can be replaced or ended. */
	private static final ThreadLocal<AmbientSession> ambientSession = new ThreadLocal<>();

	private final Tracer tracer;

	private final ContentFormatter formatter;

	private final Supplier<? extends List<LlmClientWrapper>> llmClientWrappers;

	private final CascadeScopeHook scopeHook;

	/**
	 * Create a tracer on the application's one OpenTelemetry instance.
	 * @param openTelemetry the OpenTelemetry SDK of the application
	 * @param formatter how content is captured and cut
	 */
	public CascadeTracer(OpenTelemetry openTelemetry, ContentFormatter formatter) {
		this(openTelemetry, formatter, List::of);
	}

	/**
	 * Create a tracer that can also wrap LLM SDK clients.
	 * @param openTelemetry the OpenTelemetry SDK of the application
	 * @param formatter how content is captured and cut
	 * @param llmClientWrappers the SDK integrations, looked up when a client is first wrapped
	 */
	public CascadeTracer(OpenTelemetry openTelemetry, ContentFormatter formatter,
			Supplier<? extends List<LlmClientWrapper>> llmClientWrappers) {
		this(openTelemetry, formatter, llmClientWrappers, CascadeScopeHook.NONE);
	}

	/**
	 * Create a tracer that also keeps another tracing facade (Micrometer Observation) in step.
	 * @param openTelemetry the OpenTelemetry SDK of the application
	 * @param formatter how content is captured and cut
	 * @param llmClientWrappers the SDK integrations, looked up when a client is first wrapped
	 * @param scopeHook called whenever a Cascade context becomes current
	 */
	public CascadeTracer(OpenTelemetry openTelemetry, ContentFormatter formatter,
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

	/**
	 * Trace every LLM call of an SDK client that is not a Spring bean (beans are wrapped
	 * automatically), the Java form of the Python SDK's {@code wrap_llm_client}. Supported: the
	 * Anthropic and OpenAI Java SDK clients, sync and async. Any other object is returned unchanged
	 * with a warning.
	 * @param <T> the client interface, such as {@code AnthropicClient} or {@code OpenAIClient}
	 * @param client the client
	 * @return the traced client (the same instance when it cannot be traced)
	 */
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
	 * The OpenTelemetry tracer Cascade starts its spans with.
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

	public CascadeScope traceRun(String name) {
		return traceRun(name, null);
	}

	/**
	 * Start a run: the root of an agent's execution tree. Each metadata entry is recorded as
	 * {@code cascade.<key>}.
	 * @param name run name, used as span name
	 * @param metadata optional metadata
	 * @return the open scope; close it to end the run
	 */
	public CascadeScope traceRun(String name, @Nullable Map<String, ?> metadata) {
		try {
			SpanBuilder builder = this.tracer.spanBuilder(nameOrDefault(name)).setSpanKind(SpanKind.INTERNAL);
			addMetadata(builder, "cascade.", metadata);
			builder.setAttribute(SPAN_TYPE, CascadeAttributes.TYPE_FUNCTION);
			SpanContext enclosing = Span.current().getSpanContext();
			if (enclosing.isValid() && !enclosing.isSampled()) {
				// The enclosing trace was sampled out: the run starts its own (kept) trace, linked to it.
				builder.setNoParent().addLink(enclosing);
			}
			Span span = builder.startSpan();
			Context context = UsageRollup.start(SpanContexts.withSpan(Context.current(), span), true);
			return new SpanScope(span, makeCurrent(context), this.formatter, UsageRollup.of(context));
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not start run '" + name + "'; the run continues untraced", ex);
			return NoopScope.INSTANCE;
		}
	}

	public <T> T traceRun(String name, @Nullable Map<String, ?> metadata, Callable<T> body) throws Exception {
		return callIn(traceRun(name, metadata), body);
	}

	public void traceRun(String name, @Nullable Map<String, ?> metadata, Runnable body) {
		runIn(traceRun(name, metadata), body);
	}

	public CascadeScope traceAgent(String name) {
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
	public CascadeScope traceAgent(String name, @Nullable Map<String, ?> metadata) {
		try {
			String agentName = nameOrDefault(name);
			SpanBuilder builder = this.tracer.spanBuilder(agentName).setSpanKind(SpanKind.INTERNAL);
			addMetadata(builder, "agent.", metadata);
			builder.setAttribute(SPAN_TYPE, CascadeAttributes.TYPE_AGENT);
			builder.setAttribute(AGENT_NAME, agentName);
			// The GenAI conventions' agent attributes, so OpenTelemetry backends that follow them show agents.
			builder.setAttribute(CascadeAttributes.GEN_AI_OPERATION_NAME, CascadeAttributes.GEN_AI_OPERATION_INVOKE_AGENT);
			builder.setAttribute(CascadeAttributes.GEN_AI_AGENT_NAME, agentName);
			Span span = builder.startSpan();
			Context context = UsageRollup.start(CascadeContext.withAgent(SpanContexts.withSpan(Context.current(), span), agentName),
					false);
			return new SpanScope(span, makeCurrent(context), this.formatter, UsageRollup.of(context));
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not start agent '" + name + "'; the agent continues untraced", ex);
			return NoopScope.INSTANCE;
		}
	}

	public <T> T traceAgent(String name, @Nullable Map<String, ?> metadata, Callable<T> body) throws Exception {
		return callIn(traceAgent(name, metadata), body);
	}

	public void traceAgent(String name, @Nullable Map<String, ?> metadata, Runnable body) {
		runIn(traceAgent(name, metadata), body);
	}

	/**
	 * Bind a session to the current thread's context until {@link #endSession(String)} or the next
	 * call, as the Python SDK's {@code set_session_id} does. Runs started afterwards inherit it,
	 * on any thread the context travels to. For request-scoped work prefer
	 * {@link #sessionScope(String)}, which cannot leak into the next task of a pooled thread.
	 * @param sessionId the session id; blank values are ignored with a warning
	 */
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

	/**
	 * Make a session current until the returned scope closes, then restore the previous context.
	 * @param sessionId the session id; blank values are ignored with a warning
	 * @return the scope to close
	 */
	public CascadeScope sessionScope(String sessionId) {
		if (isBlank(sessionId)) {
			logger.warn("Cascade ignored a blank session id");
			return NoopScope.INSTANCE;
		}
		try {
			return new ContextScope(CascadeContext.withSession(Context.current(), sessionId).makeCurrent());
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not set session id", ex);
			return NoopScope.INSTANCE;
		}
	}

	/**
	 * The session of the current context.
	 * @return the session id, or {@code null} when none is active
	 */
	public @Nullable String currentSessionId() {
		return CascadeContext.sessionId(Context.current());
	}

	/**
	 * The innermost agent of the current context.
	 * @return the agent name, or {@code null} outside any agent
	 */
	public @Nullable String currentAgentName() {
		return CascadeContext.agentName(Context.current());
	}

	/**
	 * End a session: record a short {@code cascade.session.end} span and clear the session from the
	 * current context (and from every context sharing it).
	 * @param sessionId the session to end
	 */
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

	private static void closeAmbientSession() {
		AmbientSession previous = ambientSession.get();
		if (previous != null) {
			ambientSession.remove();
			previous.scope.close();
		}
	}

	private static <T> T callIn(CascadeScope scope, Callable<T> body) throws Exception {
		try {
			return body.call();
		}
		catch (Throwable ex) {
			scope.recordError(ex);
			throw ex;
		}
		finally {
			scope.close();
		}
	}

	private static void runIn(CascadeScope scope, Runnable body) {
		try {
			body.run();
		}
		catch (Throwable ex) {
			scope.recordError(ex);
			throw ex;
		}
		finally {
			scope.close();
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

	/** Restores the previous context on close; has no span. */
	private record ContextScope(Scope scope) implements CascadeScope {

		@Override
		public void recordError(Throwable error) {
		}

		@Override
		public void setAttribute(String key, String value) {
		}

		@Override
		public void close() {
			this.scope.close();
		}

	}

}
