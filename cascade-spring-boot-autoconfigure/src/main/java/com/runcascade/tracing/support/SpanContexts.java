package com.runcascade.tracing.support;

import java.lang.reflect.Field;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Puts a Cascade span into a context so that every tracing facade sees it as the current span.
 *
 * <p>
 * Micrometer Tracing's OpenTelemetry bridge keeps its own idea of the current span in the
 * OpenTelemetry context, under a private key, and prefers it over the context's span. A context
 * derived from one Micrometer made current (an HTTP server request, say) still carries that entry,
 * so a Micrometer-traced call inside a Cascade span (Spring AI's HTTP client) would nest under the
 * request instead. Cascade's contexts drop the entry; the key is looked up once.
 */
public final class SpanContexts {

	private static final Log logger = LogFactory.getLog(SpanContexts.class);

	private static final @Nullable ContextKey<Object> micrometerKey = micrometerKey();

	private SpanContexts() {
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
					SpanContexts.class.getClassLoader());
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
