package com.runcascade.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.jspecify.annotations.Nullable;

/**
 * Drops every ended span, so the benchmarks measure starting, filling and ending spans without the
 * cost of an exporter. Remembers the count and the last span, which the benchmark setups check to
 * make sure the traced path really records what it should. Benchmarks run on one thread, so plain
 * fields are enough.
 */
final class DiscardingSpanProcessor implements SpanProcessor {

	private long ended;

	private @Nullable ReadableSpan last;

	private final List<ReadableSpan> kept = new ArrayList<>();

	private int keep;

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		this.ended++;
		this.last = span;
		if (this.kept.size() < this.keep) {
			this.kept.add(span);
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

	long ended() {
		return this.ended;
	}

	@Nullable ReadableSpan last() {
		return this.last;
	}

	/** From now on, keep the first {@code count} spans that end (for a benchmark to replay them). */
	void keepFirst(int count) {
		this.kept.clear();
		this.keep = count;
	}

	List<ReadableSpan> kept() {
		return this.kept;
	}

	void reset() {
		this.ended = 0;
		this.last = null;
	}

}
