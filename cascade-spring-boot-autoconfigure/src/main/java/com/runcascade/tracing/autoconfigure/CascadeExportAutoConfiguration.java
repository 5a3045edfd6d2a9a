package com.runcascade.tracing.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.export.CascadeExportSpanProcessor;
import com.runcascade.tracing.export.ExportSettings;
import com.runcascade.tracing.micrometer.ExportMetrics;

/**
 * Auto-configuration of the export of spans to Cascade ({@code cascade.endpoint}). The processor is
 * a {@code SpanProcessor} bean, so Boot adds it to the application's tracer provider next to any
 * exporter the application configures itself.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class,
		beforeName = { "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CascadeExportProperties.class)
public final class CascadeExportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CascadeExportSpanProcessor cascadeExportSpanProcessor(CascadeProperties properties,
			CascadeExportProperties export) {
		return CascadeExportSpanProcessor.create(settings(properties, export));
	}

	/** The processor gets plain values; it never sees the bound properties. */
	static ExportSettings settings(CascadeProperties properties, CascadeExportProperties export) {
		return new ExportSettings(properties.getEndpoint(),
				CascadeProperties.DEFAULT_ENDPOINT.equals(properties.getEndpoint()), properties.getApiKey(),
				export.getProtocol() == ExportProtocol.GRPC, export.getHeaders(), export.getTimeout(),
				export.getMaxQueueSize(), export.getScheduleDelay(), export.getShutdownTimeout(),
				export.getFailureThreshold(), export.isQuietExporterLogs(), export.isAgentSpansOnly());
	}

	/**
	 * {@code cascade.export.spans} by outcome, bound by Boot to the application's registries if it
	 * has any. No condition on a {@code MeterRegistry} bean: that would need ordering after Boot's
	 * metrics auto-configurations, which with this class's ordering before tracing forms a cycle.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ExportMetrics cascadeExportMetrics(CascadeExportSpanProcessor processor) {
			return new ExportMetrics(processor.health());
		}

	}

	/** The {@code cascade} health indicator, when Boot's health support is on the classpath. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = CascadeExportHealthIndicator.HEALTH_INDICATOR)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cascadeHealthIndicator")
		CascadeExportHealthIndicator cascadeHealthIndicator(CascadeExportSpanProcessor processor) {
			return new CascadeExportHealthIndicator(processor);
		}

	}

}
