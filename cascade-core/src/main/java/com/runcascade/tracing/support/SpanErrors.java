package com.runcascade.tracing.support;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;

/**
 * Records a failure on a span the same way everywhere: status, exception event, error type. The
 * recorded text (status description, {@code exception.message}, {@code exception.stacktrace}) is
 * bounded by {@code cascade.max-attribute-length} and redacted; building it never calls more than
 * the limit's worth of the exception's text, and an exception whose {@code getMessage()} throws
 * is still recorded.
 */
public final class SpanErrors {

	public static final AttributeKey<String> ERROR_TYPE = CascadeAttributes.ERROR_TYPE;

	static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

	static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

	/** Causes followed at most; a cycle of causes stops earlier. */
	private static final int MAX_CAUSES = 16;

	private SpanErrors() {
	}

	/**
	 * Mark a span as failed with the given error, bounded and redacted by the default formatter.
	 * Never throws.
	 * @param span the span
	 * @param error the failure
	 */
	public static void record(Span span, Throwable error) {
		record(span, error, ContentFormatter.defaults());
	}

	/**
	 * Mark a span as failed with the given error, bounded and redacted by the formatter. Never throws
	 * (other than a {@link VirtualMachineError} such as {@link OutOfMemoryError}).
	 * @param span the span
	 * @param error the failure
	 * @param formatter bounds and redacts the text
	 */
	public static void record(Span span, Throwable error, ContentFormatter formatter) {
		try {
			String type = error.getClass().getName();
			String message = message(error);
			AttributesBuilder event = Attributes.builder().put(EXCEPTION_TYPE, type);
			if (message != null) {
				event.put(EXCEPTION_MESSAGE, formatter.truncate(message));
			}
			event.put(EXCEPTION_STACKTRACE, formatter.truncate(stackTrace(error, formatter.maxLength() + ContentFormatter.REDACTION_MARGIN)));
			span.addEvent("exception", event.build());
			span.setAttribute(ERROR_TYPE, type);
			span.setStatus(StatusCode.ERROR, describe(error, formatter));
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			try {
				span.setStatus(StatusCode.ERROR);
			}
			catch (Throwable ignored) {
				rethrowIfFatal(ignored);
			}
		}
	}

	/**
	 * The {@code ExceptionType: message} form used by {@code tool.error} and {@code function.error},
	 * bounded and redacted by the default formatter.
	 * @param error the failure
	 * @return a one-line description
	 */
	public static String describe(Throwable error) {
		return describe(error, ContentFormatter.defaults());
	}

	/**
	 * The {@code ExceptionType: message} form, bounded and redacted by the formatter.
	 * @param error the failure
	 * @param formatter bounds and redacts the text
	 * @return a one-line description
	 */
	public static String describe(Throwable error, ContentFormatter formatter) {
		String name = error.getClass().getSimpleName();
		String message = message(error);
		return (message != null) ? formatter.truncate(name + ": " + head(message, formatter)) : name;
	}

	/**
	 * Rethrow errors no capture code should swallow: the JVM is out of memory or broken. A stack
	 * overflow inside capture is not among them (the capture is abandoned, the stack unwinds).
	 * @param ex anything caught
	 */
	public static void rethrowIfFatal(Throwable ex) {
		if (ex instanceof VirtualMachineError fatal && !(ex instanceof StackOverflowError)) {
			throw fatal;
		}
	}

	/** The message, or a note when getMessage() itself fails. */
	static @Nullable String message(Throwable error) {
		try {
			return error.getMessage();
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			return "<getMessage() threw " + ex.getClass().getName() + ">";
		}
	}

	/** Enough of a huge message for the formatter to redact and cut; never copies all of it. */
	private static String head(String message, ContentFormatter formatter) {
		int keep = formatter.maxLength() + ContentFormatter.REDACTION_MARGIN;
		return (message.length() > keep) ? message.substring(0, keep) : message;
	}

	/**
	 * The usual stack trace text (type, message, frames, causes, suppressed headers), written up to
	 * a limit. Unlike {@link Throwable#printStackTrace()} it never calls {@code toString()}, so a
	 * huge or throwing message costs at most the limit.
	 */
	static String stackTrace(Throwable error, int limit) {
		StringBuilder out = new StringBuilder(Math.min(limit, 4096));
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Throwable current = error;
		String prefix = "";
		for (int depth = 0; current != null && depth < MAX_CAUSES && seen.add(current); depth++) {
			if (!header(out, prefix, current, limit)) {
				return out.toString();
			}
			StackTraceElement[] frames;
			try {
				frames = current.getStackTrace();
			}
			catch (Throwable ex) {
				rethrowIfFatal(ex);
				frames = new StackTraceElement[0];
			}
			for (StackTraceElement frame : frames) {
				if (out.length() >= limit) {
					return out.substring(0, limit);
				}
				out.append("\tat ").append(frame).append('\n');
			}
			Throwable[] suppressed = suppressed(current);
			for (Throwable each : suppressed) {
				if (!header(out, "\tSuppressed: ", each, limit)) {
					return out.toString();
				}
			}
			prefix = "Caused by: ";
			current = cause(current);
		}
		return (out.length() > limit) ? out.substring(0, limit) : out.toString();
	}

	private static boolean header(StringBuilder out, String prefix, Throwable error, int limit) {
		out.append(prefix).append(error.getClass().getName());
		String message = message(error);
		if (message != null) {
			int room = limit - out.length() - 2;
			if (room <= 0) {
				out.setLength(Math.min(out.length(), limit));
				return false;
			}
			out.append(": ").append(message, 0, Math.min(message.length(), room));
		}
		out.append('\n');
		return out.length() < limit;
	}

	private static Throwable[] suppressed(Throwable error) {
		try {
			return error.getSuppressed();
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			return new Throwable[0];
		}
	}

	private static @Nullable Throwable cause(Throwable error) {
		try {
			return error.getCause();
		}
		catch (Throwable ex) {
			rethrowIfFatal(ex);
			return null;
		}
	}

}
