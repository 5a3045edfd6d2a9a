package com.runcascade.tracing.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes {@code cascade.export.spans} on the application's {@link MeterRegistry}, one counter
 * per {@code outcome}: {@code exported}, {@code failed}, {@code dropped}. The counters read the
 * export health's own counts, so recording costs nothing extra on the request path.
 */
final class ExportMetrics {

	static final String NAME = "cascade.export.spans";

	ExportMetrics(MeterRegistry registry, ExportHealth health) {
		register(registry, health, "exported", ExportHealth::exportedCount);
		register(registry, health, "failed", ExportHealth::failedCount);
		register(registry, health, "dropped", ExportHealth::droppedCount);
	}

	private static void register(MeterRegistry registry, ExportHealth health, String outcome,
			java.util.function.ToLongFunction<ExportHealth> count) {
		FunctionCounter.builder(NAME, health, (h) -> count.applyAsLong(h))
			.tag("outcome", outcome)
			.description("Spans handed to the Cascade exporter, by outcome")
			.baseUnit("spans")
			.register(registry);
	}

}
