package com.runcascade.tracing.support;

import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Supplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeTracer;

/**
 * Cascade's engine, one per application whatever its {@link CascadeTracer} is: the OpenTelemetry
 * tracer Cascade starts its spans with, how content is captured, how a Cascade context becomes
 * current for OpenTelemetry and Micrometer alike, and the SDK client wrappers. The integrations
 * (LLM, SDK clients, Spring AI, tools) record through it rather than through the application's
 * tracer, so a {@code CascadeTracer} of the application's own (a decorator, a test double) leaves
 * them recording. Internal: public only because the integration packages need it.
 */
public final class CascadeInstrumentation {

	private static final Logger logger = LoggerFactory.getLogger(CascadeInstrumentation.class);

	/**
	 * Micrometer Tracing's key for its current span in the OpenTelemetry context, looked up once.
	 * Micrometer's OpenTelemetry bridge prefers that entry over the context's span, and a context
	 * derived from one Micrometer made current (an HTTP server request, say) still carries it: so
	 * Cascade's contexts drop it, or a Micrometer-traced call inside a Cascade span (Spring AI's HTTP
	 * client) would nest under the request instead.
	 */
	private static final @Nullable ContextKey<Object> micrometerKey = micrometerKey();

	private final Tracer tracer;

	private final ContentFormatter formatter;

	private final CascadeScopeHook scopeHook;

	private final Supplier<? extends List<LlmClientWrapper>> llmClientWrappers;

	/**
	 * Create the engine on the application's one OpenTelemetry instance.
	 * @param openTelemetry the OpenTelemetry SDK of the application
	 * @param formatter how content is captured and cut
	 * @param scopeHook called whenever a Cascade context becomes current
	 * @param llmClientWrappers the SDK integrations, looked up when a client is first wrapped
	 */
	public CascadeInstrumentation(OpenTelemetry openTelemetry, ContentFormatter formatter, CascadeScopeHook scopeHook,
			Supplier<? extends List<LlmClientWrapper>> llmClientWrappers) {
		this.tracer = openTelemetry.getTracer(CascadeAttributes.INSTRUMENTATION_SCOPE);
		this.formatter = formatter;
		this.scopeHook = scopeHook;
		this.llmClientWrappers = llmClientWrappers;
	}

	/**
	 * The OpenTelemetry tracer Cascade starts its spans with.
	 * @return the tracer
	 */
	public Tracer otelTracer() {
		return this.tracer;
	}

	/**
	 * How content is captured and cut.
	 * @return the formatter
	 */
	public ContentFormatter contentFormatter() {
		return this.formatter;
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
	 * The traced form of an SDK client, from the first wrapper that supports it; the client itself
	 * (with a warning) when none does or wrapping fails.
	 */
	@SuppressWarnings("unchecked")
	<T> T wrapLlmClient(T client) {
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
					CascadeInstrumentation.class.getClassLoader());
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

}
