package com.runcascade.tracing.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/** A span processor that acts only when spans end, as both export processors do. */
interface EndOnlySpanProcessor extends SpanProcessor {

	@Override
	default void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	default boolean isStartRequired() {
		return false;
	}

}
