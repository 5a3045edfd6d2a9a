package com.runcascade.tracing.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import com.runcascade.tracing.export.ExportHealth;

/**
 * Publishes {@code cascade.export.spans} on the application's {@link MeterRegistry}, one counter
 * per {@code outcome}: {@code exported}, {@code failed}, {@code dropped}. The counters read the
 * export health's own counts, so recording costs nothing extra on the request path.
 *
 * <p>
 * A {@link MeterBinder}: Boot binds it to each registry once the registries exist, so its
 * auto-configuration needs no ordering against Boot's metrics auto-configurations (ordering after
 * them while ordering before the tracing ones closes a cycle through the Prometheus exemplars).
 */
public final class ExportMetrics implements MeterBinder {

	static final String NAME = "cascade.export.spans";

	private final ExportHealth health;

	public ExportMetrics(ExportHealth health) {
		this.health = health;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		register(registry, this.health, "exported", ExportHealth::exportedCount);
		register(registry, this.health, "failed", ExportHealth::failedCount);
		register(registry, this.health, "dropped", ExportHealth::droppedCount);
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
