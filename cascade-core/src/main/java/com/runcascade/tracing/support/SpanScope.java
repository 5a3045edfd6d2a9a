package com.runcascade.tracing.support;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeScope;


/** A run or agent span made current until {@link #close()}. */
final class SpanScope implements CascadeScope {

	private static final Logger logger = LoggerFactory.getLogger(SpanScope.class);

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
			logger.debug("Could not record an error on a Cascade span", ex);
		}
	}

	@Override
	public void setAttribute(String key, String value) {
		try {
			this.span.setAttribute(key, this.formatter.truncate(value));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not set a Cascade span attribute", ex);
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
			logger.debug("Could not close a Cascade scope", ex);
		}
		finally {
			this.span.end();
		}
	}

}
