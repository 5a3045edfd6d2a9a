package com.runcascade.tracing.viewer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;

/**
 * Keeps the finished spans of the most recent traces that contain a Cascade span, for the local
 * viewer. A trace is tracked from the start of its first Cascade span (spans that ended before are
 * not kept); traces without any Cascade span, such as the viewer's own requests, are never stored.
 * <p>
 * Memory is bounded by a number of traces and by an estimate of their bytes; the oldest trace is
 * evicted first. The hot path is lock-free: a concurrent map, a concurrent queue and atomic counters.
 * A single trace may use at most half of the byte budget and {@value #MAX_SPANS_PER_TRACE} spans;
 * further spans of it are dropped and counted, so one runaway trace cannot empty the store.
 */
final class ViewerSpanStore implements SpanProcessor {

	static final int MAX_SPANS_PER_TRACE = 10_000;

	/** Fixed cost assumed for a span besides its strings: the span data, its ids, times, lists. */
	static final int SPAN_OVERHEAD_BYTES = 400;

	private static final long EVICTED = Long.MIN_VALUE;

	private final int maxTraces;

	private final long maxBytes;

	private final long maxTraceBytes;

	private final Map<String, TraceBuffer> traces = new ConcurrentHashMap<>();

	/** Tracked traces, oldest first; each is polled exactly once, when it is evicted. */
	private final Queue<TraceBuffer> order = new ConcurrentLinkedQueue<>();

	private final AtomicInteger traceCount = new AtomicInteger();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong sequence = new AtomicLong();

	private final LongAdder evictedTraces = new LongAdder();

	private final LongAdder droppedSpans = new LongAdder();

	/**
	 * Create a store.
	 * @param maxTraces most traces kept, at least 1
	 * @param maxBytes most bytes kept (estimated from the spans' strings), at least 1 KB
	 */
	public ViewerSpanStore(int maxTraces, long maxBytes) {
		if (maxTraces < 1) {
			throw new IllegalArgumentException("cascade.viewer.max-traces must be at least 1, was " + maxTraces);
		}
		if (maxBytes < 1024) {
			throw new IllegalArgumentException("cascade.viewer.max-bytes must be at least 1KB, was " + maxBytes + "B");
		}
		this.maxTraces = maxTraces;
		this.maxBytes = maxBytes;
		this.maxTraceBytes = maxBytes / 2;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		try {
			if (span.getAttribute(CascadeAttributes.SPAN_TYPE) == null) {
				return;
			}
			String traceId = span.getSpanContext().getTraceId();
			if (this.traces.containsKey(traceId)) {
				return;
			}
			TraceBuffer buffer = new TraceBuffer(traceId, span.getSpanContext().getSpanId(),
					this.sequence.incrementAndGet());
			if (this.traces.putIfAbsent(traceId, buffer) == null) {
				this.order.add(buffer);
				this.traceCount.incrementAndGet();
				evict();
			}
		}
		catch (RuntimeException ex) {
			// The viewer is a convenience: it must never disturb the traced code.
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		try {
			TraceBuffer buffer = this.traces.get(span.getSpanContext().getTraceId());
			if (buffer == null) {
				return;
			}
			SpanData data = span.toSpanData();
			long size = estimateBytes(data);
			if (!buffer.add(data, size, this.maxTraceBytes)) {
				this.droppedSpans.increment();
				return;
			}
			if (this.bytes.addAndGet(size) > this.maxBytes) {
				evict();
			}
		}
		catch (RuntimeException ex) {
			// As in onStart: a span the viewer cannot keep is simply not shown.
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

	/** Evict the oldest traces until both bounds hold again (or nothing is left). */
	private void evict() {
		while (this.traceCount.get() > this.maxTraces || this.bytes.get() > this.maxBytes) {
			TraceBuffer oldest = this.order.poll();
			if (oldest == null) {
				return;
			}
			this.traces.remove(oldest.traceId, oldest);
			// Spans added to this trace from now on are refused, so its bytes are subtracted once.
			long freed = oldest.bytes.getAndSet(EVICTED);
			this.traceCount.decrementAndGet();
			this.bytes.addAndGet(-freed);
			this.evictedTraces.increment();
		}
	}

	/**
	 * The stored traces, most recently started first.
	 * @return a snapshot of each trace
	 */
	List<StoredTrace> traces() {
		List<StoredTrace> result = new ArrayList<>(this.traces.size());
		for (TraceBuffer buffer : this.traces.values()) {
			result.add(buffer.snapshot());
		}
		result.sort(Comparator.comparingLong(StoredTrace::sequence).reversed());
		return result;
	}

	/**
	 * One stored trace.
	 * @param traceId the trace id
	 * @return a snapshot, or {@code null} when the trace is not (or no longer) stored
	 */
	@Nullable StoredTrace trace(String traceId) {
		TraceBuffer buffer = this.traces.get(traceId);
		return (buffer != null) ? buffer.snapshot() : null;
	}

	/**
	 * Estimated bytes of the stored spans.
	 * @return the bytes counted against {@code max-bytes}
	 */
	public long storedBytes() {
		return this.bytes.get();
	}

	public int traceCount() {
		return this.traceCount.get();
	}

	public long evictedTraces() {
		return this.evictedTraces.sum();
	}

	public long droppedSpans() {
		return this.droppedSpans.sum();
	}

	int maxTraces() {
		return this.maxTraces;
	}

	long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * Estimate the heap a span holds: a fixed overhead plus two bytes per character of its name,
	 * attribute keys and values, and events. Numbers and booleans count a few bytes each.
	 * @param span the span
	 * @return the estimate in bytes
	 */
	static long estimateBytes(SpanData span) {
		long size = SPAN_OVERHEAD_BYTES + 2L * span.getName().length() + attributeBytes(span.getAttributes());
		List<EventData> events = span.getEvents();
		for (int i = 0; i < events.size(); i++) {
			EventData event = events.get(i);
			size += 64 + 2L * event.getName().length() + attributeBytes(event.getAttributes());
		}
		return size + 64L * span.getLinks().size();
	}

	private static long attributeBytes(Attributes attributes) {
		if (attributes.isEmpty()) {
			return 0;
		}
		ByteCounter counter = new ByteCounter();
		attributes.forEach(counter);
		return counter.bytes;
	}

	/** Sums the estimated size of attributes; one per call, so no state is shared. */
	private static final class ByteCounter implements BiConsumer<AttributeKey<?>, Object> {

		long bytes;

		@Override
		public void accept(AttributeKey<?> key, Object value) {
			this.bytes += 32 + 2L * key.getKey().length() + valueBytes(value);
		}

		private static long valueBytes(Object value) {
			if (value instanceof String string) {
				return 40 + 2L * string.length();
			}
			if (value instanceof List<?> list) {
				long size = 40;
				for (int i = 0; i < list.size(); i++) {
					size += valueBytes(list.get(i));
				}
				return size;
			}
			return 16;
		}

	}

	/** The spans of one tracked trace. */
	private static final class TraceBuffer {

		final String traceId;

		/** The first Cascade span of the trace, normally its run. */
		final String firstSpanId;

		final long sequence;

		/** Bytes reserved by the spans added; {@link #EVICTED} once the trace is evicted. */
		final AtomicLong bytes = new AtomicLong();

		final AtomicInteger spanCount = new AtomicInteger();

		final Queue<SpanData> spans = new ConcurrentLinkedQueue<>();

		volatile @Nullable String sessionId;

		TraceBuffer(String traceId, String firstSpanId, long sequence) {
			this.traceId = traceId;
			this.firstSpanId = firstSpanId;
			this.sequence = sequence;
		}

		boolean add(SpanData span, long size, long maxTraceBytes) {
			if (this.spanCount.incrementAndGet() > MAX_SPANS_PER_TRACE) {
				return false;
			}
			long current;
			do {
				current = this.bytes.get();
				if (current < 0 || current + size > maxTraceBytes) {
					return false;
				}
			}
			while (!this.bytes.compareAndSet(current, current + size));
			this.spans.add(span);
			if (this.sessionId == null) {
				this.sessionId = span.getAttributes().get(CascadeAttributes.SESSION_ID);
			}
			return true;
		}

		StoredTrace snapshot() {
			return new StoredTrace(this.traceId, this.firstSpanId, this.sequence, this.sessionId, List.copyOf(this.spans));
		}

	}

	/**
	 * A snapshot of one trace.
	 * @param traceId the trace id
	 * @param firstSpanId the first Cascade span started in the trace, normally its run
	 * @param sequence order in which the store first saw the trace
	 * @param sessionId the first session id found on its spans
	 * @param spans its finished spans, in the order they ended
	 */
	record StoredTrace(String traceId, String firstSpanId, long sequence, @Nullable String sessionId, List<SpanData> spans) {
	}

}
