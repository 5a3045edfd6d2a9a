package com.runcascade.tracing.console;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

import com.runcascade.tracing.CascadeAttributes;

/**
 * Collects the spans below each outermost Cascade span (normally a run) and, when it ends, prints
 * the tree once. Printing happens on a single background thread so the traced request never waits
 * on the terminal; memory is bounded (runs and spans beyond the limits are not printed).
 */
final class ConsoleSpanProcessor implements SpanProcessor {

	static final int MAX_OPEN_RUNS = 256;

	static final int MAX_SPANS_PER_RUN = 2_000;


	/** Open runs by their span id. */
	private final Map<String, RunBuffer> openRuns = new ConcurrentHashMap<>();

	/** Every span started under an open run, mapped to the run's span id. */
	private final Map<String, String> runOfSpan = new ConcurrentHashMap<>();

	private final Set<String> roots = ConcurrentHashMap.newKeySet();

	private final Consumer<String> sink;

	private final ThreadPoolExecutor printer;

	private final AtomicBoolean shutDown = new AtomicBoolean();

	/**
	 * Create a processor that prints to the given sink on a background thread.
	 * @param sink where rendered trees go, such as {@code System.out::print}
	 */
	public ConsoleSpanProcessor(Consumer<String> sink) {
		this.sink = sink;
		this.printer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64), (task) -> {
			Thread thread = new Thread(task, "cascade-console");
			thread.setDaemon(true);
			return thread;
		}, (task, executor) -> {
			// A full queue (or a stopped printer) drops the tree; a flush marker fails at once instead
			// of leaving its caller waiting for a task that never runs.
			if (task instanceof FlushMarker marker) {
				marker.result.fail();
			}
		});
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		String parentId = Span.fromContext(parentContext).getSpanContext().getSpanId();
		String run = this.runOfSpan.get(parentId);
		if (run == null && this.roots.contains(parentId)) {
			run = parentId;
		}
		String spanId = span.getSpanContext().getSpanId();
		if (run != null) {
			RunBuffer buffer = this.openRuns.get(run);
			if (buffer != null && buffer.reserve()) {
				this.runOfSpan.put(spanId, run);
			}
		}
		else if (span.getAttribute(CascadeAttributes.SPAN_TYPE) != null && this.openRuns.size() < MAX_OPEN_RUNS) {
			this.roots.add(spanId);
			this.openRuns.put(spanId, new RunBuffer());
		}
	}

	@Override
	public boolean isStartRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		String spanId = span.getSpanContext().getSpanId();
		if (this.roots.remove(spanId)) {
			RunBuffer buffer = this.openRuns.remove(spanId);
			if (buffer != null) {
				SpanData root = span.toSpanData();
				this.printer.execute(() -> print(root, List.copyOf(buffer.spans)));
			}
			return;
		}
		String run = this.runOfSpan.remove(spanId);
		if (run != null) {
			RunBuffer buffer = this.openRuns.get(run);
			if (buffer != null) {
				buffer.spans.add(span.toSpanData());
			}
		}
	}

	private void print(SpanData root, List<SpanData> descendants) {
		try {
			this.sink.accept(TraceTreeRenderer.render(root, descendants));
		}
		catch (RuntimeException ex) {
			// The console view is a convenience; never let it disturb anything.
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public CompletableResultCode forceFlush() {
		if (this.printer.isShutdown()) {
			return CompletableResultCode.ofSuccess();
		}
		// The caller joins with its own timeout; nothing here waits.
		return afterQueuedTrees();
	}

	@Override
	public CompletableResultCode shutdown() {
		// Called twice (by the tracer provider, then by Spring's destroy); only the first one counts.
		if (!this.shutDown.compareAndSet(false, true)) {
			return CompletableResultCode.ofSuccess();
		}
		// Queued trees still print; the worker completes the result when the queue is done.
		CompletableResultCode result = afterQueuedTrees();
		this.printer.shutdown();
		return result;
	}

	/**
	 * A result completed once every tree queued so far is printed: the printer is one FIFO thread,
	 * so a marker task queued now runs after them. Fails at once when the queue is full.
	 */
	private CompletableResultCode afterQueuedTrees() {
		CompletableResultCode result = new CompletableResultCode();
		try {
			this.printer.execute(new FlushMarker(result));
		}
		catch (RuntimeException ex) {
			result.fail();
		}
		return result;
	}

	/** Completes its result when the printer reaches it, or fails it at once when the queue is full. */
	private static final class FlushMarker implements Runnable {

		final CompletableResultCode result;

		FlushMarker(CompletableResultCode result) {
			this.result = result;
		}

		@Override
		public void run() {
			this.result.succeed();
		}

	}

	/** The spans of one open run; lock-free, bounded by {@link #MAX_SPANS_PER_RUN}. */
	private static final class RunBuffer {

		final Queue<SpanData> spans = new ConcurrentLinkedQueue<>();

		private final AtomicInteger reserved = new AtomicInteger();

		boolean reserve() {
			return this.reserved.incrementAndGet() <= MAX_SPANS_PER_RUN;
		}

	}

}
