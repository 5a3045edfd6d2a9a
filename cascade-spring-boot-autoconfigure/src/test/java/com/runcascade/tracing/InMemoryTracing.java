package com.runcascade.tracing;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.aspect.CascadeAspectsAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.export.CascadeExportAutoConfiguration;
import com.runcascade.tracing.llm.CascadeLlmAutoConfiguration;

/**
 * Test wiring: Boot's real OpenTelemetry auto-configuration and Cascade's, with every finished
 * span also kept in memory.
 */
public final class InMemoryTracing {

	private InMemoryTracing() {
	}

	/** Boot's OpenTelemetry SDK and tracing plus all Cascade auto-configurations. */
	public static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, AopAutoConfiguration.class,
					CascadeAutoConfiguration.class, CascadeExportAutoConfiguration.class,
					CascadeLlmAutoConfiguration.class, CascadeAspectsAutoConfiguration.class))
			.withUserConfiguration(ExporterConfiguration.class);
	}

	public static List<SpanData> spans(InMemorySpanExporter exporter) {
		return exporter.getFinishedSpanItems();
	}

	public static SpanData span(InMemorySpanExporter exporter, String name) {
		return spans(exporter).stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named '" + name + "' in " + names(exporter)));
	}

	public static Map<String, SpanData> byName(InMemorySpanExporter exporter) {
		return spans(exporter).stream().collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
	}

	public static List<String> names(InMemorySpanExporter exporter) {
		return spans(exporter).stream().map(SpanData::getName).toList();
	}

	public static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Configuration(proxyBeanMethods = false)
	public static class ExporterConfiguration {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
			return SimpleSpanProcessor.create(exporter);
		}

	}

}
