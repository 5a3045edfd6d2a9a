package com.runcascade.tracing.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import com.runcascade.tracing.support.SpanErrors;

/**
 * A batch span processor that accounts for every span. Request threads only add to a lock-free
 * bounded queue (a full queue drops the span and counts it); one daemon thread exports batches,
 * waits at most the export timeout for each, and records the outcome in {@link ExportHealth}.
 * Shutdown exports what it can within its own deadline, counts the rest as dropped, and returns.
 */
final class BoundedExportProcessor implements EndOnlySpanProcessor {

	private static final Logger logger = LoggerFactory.getLogger(BoundedExportProcessor.class);

	/** Extra wait past the exporter's own timeout, which it enforces itself. */
	private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final SpanExporter exporter;

	private final ExportHealth health;

	private final int maxQueueSize;

	private final int maxBatchSize;

	private final long scheduleDelayNanos;

	private final long exportTimeoutNanos;

	private final long shutdownTimeoutNanos;

	private final Queue<ReadableSpan> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final Queue<CompletableResultCode> flushRequests = new ConcurrentLinkedQueue<>();

	/** When shutdown must be done by (System.nanoTime()); 0 until shutdown is requested. */
	private final AtomicLong shutdownDeadline = new AtomicLong();

	private final CompletableResultCode shutdownResult = new CompletableResultCode();

	private final Thread worker;

	BoundedExportProcessor(SpanExporter exporter, ExportHealth health, int maxQueueSize, int maxBatchSize,
			Duration scheduleDelay, Duration exportTimeout, Duration shutdownTimeout) {
		this.exporter = exporter;
		this.health = health;
		this.maxQueueSize = Math.max(1, maxQueueSize);
		this.maxBatchSize = Math.max(1, Math.min(maxBatchSize, this.maxQueueSize));
		this.scheduleDelayNanos = Math.max(1, scheduleDelay.toNanos());
		this.exportTimeoutNanos = exportTimeout.toNanos();
		this.shutdownTimeoutNanos = shutdownTimeout.toNanos();
		this.worker = new Thread(this::work, "cascade-export");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (!span.getSpanContext().isSampled()) {
			return;
		}
		if (isShuttingDown()) {
			this.health.dropped(1);
			return;
		}
		int size = this.queued.incrementAndGet();
		if (size > this.maxQueueSize) {
			this.queued.decrementAndGet();
			this.health.dropped(1);
			return;
		}
		this.queue.offer(span);
		if (size == this.maxBatchSize) {
			LockSupport.unpark(this.worker);
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	/** Spans waiting for export; never more than the queue size. */
	int queuedCount() {
		return this.queued.get();
	}

	@Override
	public CompletableResultCode forceFlush() {
		if (isShuttingDown()) {
			return this.shutdownResult;
		}
		CompletableResultCode result = new CompletableResultCode();
		this.flushRequests.offer(result);
		LockSupport.unpark(this.worker);
		return result;
	}

	@Override
	public CompletableResultCode shutdown() {
		// Never 0, which means "not requested".
		long deadline = (System.nanoTime() + this.shutdownTimeoutNanos) | 1;
		if (this.shutdownDeadline.compareAndSet(0, deadline)) {
			LockSupport.unpark(this.worker);
		}
		return this.shutdownResult;
	}

	private boolean isShuttingDown() {
		return this.shutdownDeadline.get() != 0;
	}

	private void work() {
		List<SpanData> batch = new ArrayList<>(this.maxBatchSize);
		long nextExport = System.nanoTime() + this.scheduleDelayNanos;
		try {
			while (!isShuttingDown()) {
				long now = System.nanoTime();
				List<CompletableResultCode> flushes = takeFlushRequests();
				if (!flushes.isEmpty() || this.queued.get() >= this.maxBatchSize || now >= nextExport) {
					boolean ok = flushes.isEmpty() ? exportBatch(batch, Long.MAX_VALUE)
							: exportQueued(batch, Long.MAX_VALUE);
					flushes.forEach((result) -> complete(result, ok));
					nextExport = System.nanoTime() + this.scheduleDelayNanos;
					this.health.report();
				}
				else {
					LockSupport.parkNanos(this, nextExport - now);
				}
			}
			long deadline = this.shutdownDeadline.get();
			boolean ok = exportQueued(batch, deadline);
			long left = 0;
			while (this.queue.poll() != null) {
				left++;
			}
			this.queued.addAndGet((int) -left);
			this.health.droppedAtShutdown(left);
			takeFlushRequests().forEach((result) -> complete(result, ok));
			this.exporter.shutdown().join(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			this.health.report();
			this.health.stopped();
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			logger.warn("Cascade export thread stopped: " + ex);
		}
		finally {
			this.shutdownResult.succeed();
		}
	}

	/** Export until the queue is empty (as it was when called) or the deadline passes. */
	private boolean exportQueued(List<SpanData> batch, long deadline) {
		boolean ok = true;
		int rounds = (this.queued.get() + this.maxBatchSize - 1) / this.maxBatchSize;
		for (int i = 0; i < rounds && System.nanoTime() < deadline; i++) {
			ok &= exportBatch(batch, deadline);
		}
		return ok;
	}

	/** Export one batch; wait for it at most the export timeout (and never past the deadline). */
	private boolean exportBatch(List<SpanData> batch, long deadline) {
		batch.clear();
		ReadableSpan span;
		while (batch.size() < this.maxBatchSize && (span = this.queue.poll()) != null) {
			this.queued.decrementAndGet();
			batch.add(span.toSpanData());
		}
		if (batch.isEmpty()) {
			return true;
		}
		int count = batch.size();
		try {
			CompletableResultCode result = this.exporter.export(List.copyOf(batch));
			// Wait for the answer, the export timeout, or the shutdown deadline, whichever comes first:
			// a shutdown requested during a hung export does not wait for that export's timeout.
			result.whenComplete(() -> LockSupport.unpark(this.worker));
			long waitEnd = System.nanoTime() + this.exportTimeoutNanos + GRACE_NANOS;
			if (deadline != Long.MAX_VALUE) {
				waitEnd = Math.min(waitEnd, deadline);
			}
			while (!result.isDone()) {
				long end = isShuttingDown() ? Math.min(waitEnd, this.shutdownDeadline.get()) : waitEnd;
				long remaining = end - System.nanoTime();
				if (remaining <= 0) {
					break;
				}
				LockSupport.parkNanos(this, remaining);
			}
			long wait = this.exportTimeoutNanos + GRACE_NANOS;
			if (!result.isDone()) {
				this.health.failed(count, null, isShuttingDown() ? "no answer before shutdown"
						: "no answer within " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
				return false;
			}
			if (result.isSuccess()) {
				this.health.exported(count);
				return true;
			}
			this.health.failed(count, result.getFailureThrowable(), "export failed");
			return false;
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			this.health.failed(count, ex, "export failed");
			return false;
		}
		finally {
			batch.clear();
		}
	}

	private List<CompletableResultCode> takeFlushRequests() {
		if (this.flushRequests.isEmpty()) {
			return List.of();
		}
		List<CompletableResultCode> requests = new ArrayList<>();
		CompletableResultCode request;
		while ((request = this.flushRequests.poll()) != null) {
			requests.add(request);
		}
		return requests;
	}

	private static void complete(CompletableResultCode result, boolean ok) {
		if (ok) {
			result.succeed();
		}
		else {
			result.fail();
		}
	}

}
