package com.runcascade.tracing.autoconfigure;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Keeps the log quiet when the application has Micrometer's OTLP registry (as
 * {@code spring-boot-starter-opentelemetry} brings it) but never said where metrics go: Boot then
 * pushes them to {@code http://localhost:4318/v1/metrics} every minute and, with no collector there,
 * logs a stack trace each time and at shutdown. Unless the application sets the URL, enables or
 * disables OTLP metrics itself, or names an endpoint through the OpenTelemetry environment
 * variables, Cascade turns OTLP metrics export off by default (the lowest-precedence property
 * source, so any setting of the application's wins) and says so once at INFO.
 */
final class OtlpMetricsDefault {

	static final String ENABLED = "management.otlp.metrics.export.enabled";

	private static final String[] USER_SETTINGS = { ENABLED, "management.otlp.metrics.export.url",
			"management.defaults.metrics.export.enabled", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
			"OTEL_EXPORTER_OTLP_ENDPOINT" };

	private static final String OTLP_REGISTRY = "io.micrometer.registry.otlp.OtlpMeterRegistry";

	private OtlpMetricsDefault() {
	}

	static void apply(ConfigurableEnvironment environment, @Nullable ClassLoader classLoader, Log logger) {
		if (!environment.getProperty("cascade.enabled", Boolean.class, true)
				|| !ClassUtils.isPresent(OTLP_REGISTRY, classLoader)) {
			return;
		}
		for (String setting : USER_SETTINGS) {
			if (environment.containsProperty(setting)) {
				return;
			}
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("cascadeOtlpMetricsDefault", Map.of(ENABLED, "false")));
		logger.info("Cascade turned OTLP metrics export off: management.otlp.metrics.export.url is not set, and "
				+ "with no collector on localhost:4318 each push would log a stack trace. Set the URL (or "
				+ ENABLED + "=true) to export metrics over OTLP.");
	}

}
