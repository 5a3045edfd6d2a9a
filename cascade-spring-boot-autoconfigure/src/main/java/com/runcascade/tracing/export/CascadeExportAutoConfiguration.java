package com.runcascade.tracing.export;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeProperties;

/**
 * Auto-configuration of the export of spans to Cascade ({@code cascade.endpoint}). The processor is
 * a {@code SpanProcessor} bean, so Boot adds it to the application's tracer provider next to any
 * exporter the application configures itself.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class, beforeName = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
public final class CascadeExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CascadeExportSpanProcessor cascadeExportSpanProcessor(CascadeProperties properties) {
		return CascadeExportSpanProcessor.create(properties);
	}

}
