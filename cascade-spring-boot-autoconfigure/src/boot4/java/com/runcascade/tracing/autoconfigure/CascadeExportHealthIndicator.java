package com.runcascade.tracing.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import com.runcascade.tracing.export.CascadeExportSpanProcessor;
import com.runcascade.tracing.export.ExportHealth;

/**
 * The {@code cascade} health indicator: DOWN once {@code cascade.export.failure-threshold} export
 * requests in a row have failed, with the endpoint, the counts and the last error. It never shows
 * the API key or any header.
 */
final class CascadeExportHealthIndicator implements HealthIndicator {

	/** Boot's health contract on this Boot line (the class exists once per line, with the same name). */
	static final String HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

	private final CascadeExportSpanProcessor processor;

	CascadeExportHealthIndicator(CascadeExportSpanProcessor processor) {
		this.processor = processor;
	}

	@Override
	public Health health() {
		ExportHealth health = this.processor.health();
		Health.Builder builder = health.isDown() ? Health.down() : Health.up();
		return builder.withDetail("exporting", this.processor.isExporting()).withDetails(health.details()).build();
	}

}
