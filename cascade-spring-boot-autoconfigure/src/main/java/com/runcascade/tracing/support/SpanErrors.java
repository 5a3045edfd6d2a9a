package com.runcascade.tracing.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** Records a failure on a span the same way everywhere: status, exception event, error type. */
public final class SpanErrors {

	public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private SpanErrors() {
	}

	/**
	 * Mark a span as failed with the given error.
	 * @param span the span
	 * @param error the failure
	 */
	public static void record(Span span, Throwable error) {
		span.recordException(error);
		span.setAttribute(ERROR_TYPE, error.getClass().getName());
		span.setStatus(StatusCode.ERROR, describe(error));
	}

	/**
	 * The {@code ExceptionType: message} form used by {@code tool.error} and {@code function.error}.
	 * @param error the failure
	 * @return a one-line description
	 */
	public static String describe(Throwable error) {
		String message = error.getMessage();
		return (message != null) ? error.getClass().getSimpleName() + ": " + message : error.getClass().getSimpleName();
	}

}
