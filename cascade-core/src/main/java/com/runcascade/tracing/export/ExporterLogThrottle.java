package com.runcascade.tracing.export;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the OpenTelemetry OTLP exporters' own failure logging to one line a minute per exporter
 * type, without stack traces. Without it a closed port prints the same 15-frame stack trace on
 * every export attempt. Cascade's own WARN and summaries (and the health indicator) say what
 * happened instead. The exporters log through java.util.logging under their class names, shared by
 * every OTLP exporter of the application, so this applies to all of them.
 */
final class ExporterLogThrottle implements Filter {

	static final List<String> LOGGER_NAMES = List.of("io.opentelemetry.exporter.internal.http.HttpExporter",
			"io.opentelemetry.exporter.internal.grpc.GrpcExporter");

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** Strong references: java.util.logging keeps loggers weakly, and a new one would lose the filter. */
	private static final List<Logger> loggers = LOGGER_NAMES.stream().map(Logger::getLogger).toList();

	private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);

	private final @Nullable Filter previous;

	private ExporterLogThrottle(@Nullable Filter previous) {
		this.previous = previous;
	}

	/** Install once per logger; calling it again (a second context) changes nothing. */
	static synchronized void install() {
		for (Logger logger : loggers) {
			Filter current = logger.getFilter();
			if (!(current instanceof ExporterLogThrottle)) {
				logger.setFilter(new ExporterLogThrottle(current));
			}
		}
	}

	@Override
	public boolean isLoggable(LogRecord record) {
		if (this.previous != null && !this.previous.isLoggable(record)) {
			return false;
		}
		long now = System.nanoTime();
		long allowed = this.nextAllowed.get();
		if (allowed != Long.MIN_VALUE && now - allowed < 0) {
			return false;
		}
		if (!this.nextAllowed.compareAndSet(allowed, now + INTERVAL_NANOS)) {
			return false;
		}
		record.setThrown(null);
		record.setMessage(record.getMessage() + " (further OTLP exporter messages are suppressed for a minute; "
				+ "see Cascade's export warnings and the 'cascade' health indicator)");
		return true;
	}

}
