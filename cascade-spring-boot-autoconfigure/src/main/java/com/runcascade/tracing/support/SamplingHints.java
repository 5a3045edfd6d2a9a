package com.runcascade.tracing.support;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/** A mark in the OpenTelemetry context that tells Cascade's sampler to record everything below it. */
public final class SamplingHints {

	private static final ContextKey<Boolean> RECORD_WHOLE = ContextKey.named("cascade-record-whole");

	private SamplingHints() {
	}

	/**
	 * The context with the mark.
	 * @param context a context
	 * @return the marked context
	 */
	public static Context recordWhole(Context context) {
		return context.with(RECORD_WHOLE, Boolean.TRUE);
	}

	/**
	 * Whether spans started under this context are always recorded.
	 * @param context a parent context
	 * @return whether it carries the mark
	 */
	public static boolean isRecordedWhole(Context context) {
		return context.get(RECORD_WHOLE) != null;
	}

}
