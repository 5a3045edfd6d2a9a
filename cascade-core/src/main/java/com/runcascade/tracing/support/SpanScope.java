package com.runcascade.tracing.support;

import java.lang.System.Logger.Level;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeScope;


/** A run or agent span made current until {@link #close()}. */
final class SpanScope implements CascadeScope {

	private static final System.Logger logger = System.getLogger(SpanScope.class.getName());

	private final Span span;

	private final Scope scope;

	private final ContentFormatter formatter;

	private final @Nullable UsageRollup rollup;

	private boolean failed;

	SpanScope(Span span, Scope scope, ContentFormatter formatter, @Nullable UsageRollup rollup) {
		this.span = span;
		this.scope = scope;
		this.formatter = formatter;
		this.rollup = rollup;
	}

	@Override
	public void recordError(Throwable error) {
		try {
			this.failed = true;
			SpanErrors.record(this.span, error, this.formatter);
		}
		catch (RuntimeException ex) {
			logger.log(Level.DEBUG, "Could not record an error on a Cascade span", ex);
		}
	}

	@Override
	public void setAttribute(String key, String value) {
		try {
			this.span.setAttribute(key, this.formatter.truncate(value));
		}
		catch (RuntimeException ex) {
			logger.log(Level.DEBUG, "Could not set a Cascade span attribute", ex);
		}
	}

	@Override
	public void close() {
		try {
			this.scope.close();
			if (this.rollup != null) {
				this.rollup.finish(this.span);
			}
			if (!this.failed) {
				this.span.setStatus(StatusCode.OK);
			}
		}
		catch (RuntimeException ex) {
			logger.log(Level.DEBUG, "Could not close a Cascade scope", ex);
		}
		finally {
			this.span.end();
		}
	}

}
