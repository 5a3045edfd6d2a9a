package com.runcascade.tracing.autoconfigure;

import java.util.List;

import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.sdk.trace.SpanProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.SdkTracerProviderBuilderCustomizer;
import org.springframework.boot.actuate.autoconfigure.tracing.SpanExporters;
import org.springframework.boot.actuate.autoconfigure.tracing.SpanProcessors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.runcascade.tracing.support.CascadeResource;

/**
 * What {@link CascadeAutoConfiguration} adds to Boot's tracer provider, written against Boot 3.5's
 * tracing types, which live in the actuator's auto-configuration (Boot 4 moved them to its tracing
 * module: this class exists once per Boot line, with the same name).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
class BootTracingConfiguration {

	/**
	 * Boot adds a batch span processor for the application's span exporters even when there are
	 * none; it then still copies every ended span on its own thread for nothing (about a tenth of
	 * the CPU of a busy application). With nothing to export to and no span reporter to serve,
	 * Cascade leaves that processor out of the tracer provider. A {@code SpanProcessors} bean of the
	 * application's own replaces this choice.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SdkTracerProviderBuilderCustomizer.class, SpanReporter.class })
	static class SpanProcessorsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpanProcessors cascadeSpanProcessors(ConfigurableListableBeanFactory beanFactory,
				ObjectProvider<SpanProcessor> processors, ObjectProvider<SpanExporters> exporters,
				ObjectProvider<SpanReporter> reporters) {
			SpanExporters bootExporters = exporters.getIfAvailable();
			boolean idle = bootExporters != null && bootExporters.list().isEmpty()
					&& reporters.stream().findAny().isEmpty();
			List<Object> leftOut = idle ? CascadeAutoConfiguration.bootBatchProcessors(beanFactory,
					OpenTelemetryTracingAutoConfiguration.class.getName()) : List.of();
			return SpanProcessors
				.of(processors.orderedStream().filter((processor) -> !leftOut.contains(processor)).toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SdkTracerProviderBuilderCustomizer.class)
	static class ResourceConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cascadeResourceCustomizer")
		SdkTracerProviderBuilderCustomizer cascadeResourceCustomizer(CascadeProperties properties,
				Environment environment) {
			CascadeResource resource = CascadeAutoConfiguration.cascadeResource(properties, environment);
			return (builder) -> builder.addResource(resource.build());
		}

	}

}
