package com.runcascade.tracing.export;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.opentelemetry.exporter.internal.FailedExportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.SpanErrors;

/**
 * What happened to the spans handed to the Cascade exporter: exported, failed (the backend refused
 * or did not answer) or dropped (the queue was full, or still held spans at shutdown). Counts are
 * exact. Logging is rate-limited: one WARN when export starts failing, one when spans are first
 * dropped, then at most one summary per interval, never a stack trace.
 *
 * <p>
 * Only {@link #dropped(long)} is called on request threads (it adds to a counter); everything else
 * runs on the export thread.
 */
public final class ExportHealth {

	private static final Logger logger = LoggerFactory.getLogger(CascadeExportSpanProcessor.class);

	static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

	private static final int MAX_ERROR_LENGTH = 500;

	private final String endpoint;

	private final int maxQueueSize;

	private final int failureThreshold;

	private final long summaryIntervalNanos;

	private final LongSupplier nanoTime;

	private final LongAdder exported = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private volatile int consecutiveFailures;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastFailure;

	// Export thread only.
	private boolean failingLogged;

	private boolean droppedLogged;

	private long lastSummaryNanos;

	private long failedAtSummary;

	private long droppedAtSummary;

	ExportHealth(String endpoint, int maxQueueSize, int failureThreshold) {
		this(endpoint, maxQueueSize, failureThreshold, SUMMARY_INTERVAL, System::nanoTime);
	}

	ExportHealth(String endpoint, int maxQueueSize, int failureThreshold, Duration summaryInterval,
			LongSupplier nanoTime) {
		this.endpoint = safeEndpoint(endpoint);
		this.maxQueueSize = maxQueueSize;
		this.failureThreshold = Math.max(1, failureThreshold);
		this.summaryIntervalNanos = summaryInterval.toNanos();
		this.nanoTime = nanoTime;
	}

	/** A span that never reached the exporter. Request threads: one add, nothing else. */
	void dropped(long count) {
		this.dropped.add(count);
	}

	void exported(int count) {
		this.exported.add(count);
		if (this.consecutiveFailures > 0) {
			if (this.failingLogged) {
				logger.info("Cascade export to " + this.endpoint + " works again after " + this.consecutiveFailures
						+ " failed export request(s)");
			}
			this.consecutiveFailures = 0;
			this.failingLogged = false;
		}
	}

	void failed(int count, @Nullable Throwable error, String fallback) {
		this.failed.add(count);
		this.consecutiveFailures++;
		this.lastError = describe(error, fallback);
		this.lastFailure = Instant.now();
		if (!this.failingLogged) {
			this.failingLogged = true;
			logger.warn("Cascade export to " + this.endpoint + " is failing (" + this.lastError + "); " + count
					+ " span(s) lost. The application is not affected; spans wait in a bounded queue "
					+ "(cascade.export.max-queue-size=" + this.maxQueueSize + ") and are dropped when it is full. "
					+ "Further failures are summarized at most once a minute.");
			markSummary();
		}
	}

	/** Called by the export thread after each round: the first-drop WARN and the periodic summary. */
	void report() {
		long droppedNow = this.dropped.sum();
		if (droppedNow > 0 && !this.droppedLogged) {
			this.droppedLogged = true;
			logger.warn("Cascade dropped " + droppedNow + " span(s): the export queue (cascade.export.max-queue-size="
					+ this.maxQueueSize + ") is full: " + this.endpoint + " is slow or down, or spans are ended faster "
					+ "than they can be sent. "
					+ "Further drops are summarized at most once a minute.");
			markSummary();
			return;
		}
		long now = this.nanoTime.getAsLong();
		if (now - this.lastSummaryNanos < this.summaryIntervalNanos) {
			return;
		}
		long failedSince = this.failed.sum() - this.failedAtSummary;
		long droppedSince = droppedNow - this.droppedAtSummary;
		if (failedSince > 0 || droppedSince > 0) {
			logger.warn("Cascade export to " + this.endpoint + " since the last report: " + failedSince
					+ " span(s) failed, " + droppedSince + " dropped, " + this.exported.sum() + " exported in total"
					+ ((this.lastError != null) ? "; last error: " + this.lastError : ""));
			markSummary();
		}
	}

	/** Spans still queued at shutdown, counted as dropped and said once. */
	void droppedAtShutdown(long count) {
		if (count > 0) {
			this.dropped.add(count);
			logger.warn("Cascade dropped " + count + " span(s) still queued for " + this.endpoint + " at shutdown");
		}
	}

	/** The totals, once, when the exporter stops: what an operator (or the soak script) checks. */
	void stopped() {
		logger.info("Cascade export to " + this.endpoint + " stopped: " + exportedCount() + " span(s) exported, "
				+ failedCount() + " failed, " + droppedCount() + " dropped");
	}

	private void markSummary() {
		this.lastSummaryNanos = this.nanoTime.getAsLong();
		this.failedAtSummary = this.failed.sum();
		this.droppedAtSummary = this.dropped.sum();
	}

	public long exportedCount() {
		return this.exported.sum();
	}

	public long failedCount() {
		return this.failed.sum();
	}

	public long droppedCount() {
		return this.dropped.sum();
	}

	/** Down once this many export requests in a row have failed. */
	public boolean isDown() {
		return this.consecutiveFailures >= this.failureThreshold;
	}

	String endpoint() {
		return this.endpoint;
	}

	/** Health details: counts, endpoint and last error; never a header or key. */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("endpoint", this.endpoint);
		details.put("exported", exportedCount());
		details.put("failed", failedCount());
		details.put("dropped", droppedCount());
		details.put("consecutiveFailures", this.consecutiveFailures);
		String error = this.lastError;
		if (error != null) {
			details.put("lastError", error);
			details.put("lastFailure", String.valueOf(this.lastFailure));
		}
		return details;
	}

	/** The endpoint without user info, query or fragment, which could carry a credential. */
	static String safeEndpoint(String endpoint) {
		try {
			URI uri = URI.create(endpoint);
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (RuntimeException | java.net.URISyntaxException ex) {
			return "<unparseable endpoint>";
		}
	}

	static String describe(@Nullable Throwable error, String fallback) {
		String text = fallback;
		if (error != null) {
			try {
				text = exporterFailure(error);
			}
			catch (LinkageError ex) {
				// The exporter's failure types are internal API; fall back to the plain exception.
				text = plain(error);
			}
		}
		// Error texts can quote a server's response; keep them short and without secrets.
		String redacted = ContentFormatter.defaults().truncate(text);
		return (redacted.length() > MAX_ERROR_LENGTH) ? redacted.substring(0, MAX_ERROR_LENGTH) + "..." : redacted;
	}

	private static String exporterFailure(Throwable error) {
		// The response types of this internal API differ between OpenTelemetry 1.55 (Boot 4.0) and 1.62
		// (Boot 4.1), so they are read by name; this runs once per failed export, never per span.
		if (error instanceof FailedExportException failed && failed.failedWithResponse()) {
			Object response = call(error, "getResponse");
			if (response != null && error instanceof FailedExportException.HttpExportException) {
				return "HTTP " + call(response, "statusCode", "getStatusCode") + " "
						+ call(response, "statusMessage", "getStatusMessage");
			}
			if (response != null && error instanceof FailedExportException.GrpcExportException) {
				return "gRPC status " + call(response, "grpcStatusValue", "getStatusCode") + " "
						+ call(response, "grpcStatusDescription", "getStatusDescription");
			}
		}
		if (error instanceof FailedExportException && error.getCause() != null) {
			return plain(error.getCause());
		}
		return plain(error);
	}

	/** The result of the first public no-argument method of these names that the object has. */
	private static @Nullable Object call(Object target, String... names) {
		for (String name : names) {
			try {
				java.lang.reflect.Method method = target.getClass().getMethod(name);
				// The response's class can be a non-public implementation of a public interface.
				method.trySetAccessible();
				return method.invoke(target);
			}
			catch (NoSuchMethodException ex) {
				// try the next name
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}
		return null;
	}

	private static String plain(Throwable error) {
		return SpanErrors.describe(error);
	}

}
