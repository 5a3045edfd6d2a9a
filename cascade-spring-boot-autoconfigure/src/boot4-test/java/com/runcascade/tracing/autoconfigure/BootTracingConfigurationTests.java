package com.runcascade.tracing.autoconfigure;

import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.support.CascadeContextSpanProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Cascade adds to Boot's tracer provider ({@link BootTracingConfiguration}), on Boot 4's tracing
 * types. This class exists once per Boot line, with the same name.
 */
class BootTracingConfigurationTests {

	@Test
	void worksWithoutBootsOpenTelemetryTracingModule() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CascadeAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer.tracing"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CascadeTracer.class);
				context.getBean(CascadeTracer.class).traceRun("Run", null, (Runnable) () -> {
				});
			});
	}

	@Test
	void bootsBatchProcessorIsLeftOutWhenItHasNothingToExportTo() {
		bootTracing().run((context) -> {
			assertThat(context).hasBean("otelSpanProcessor");
			assertThat(context.getBean(SpanProcessors.class).list())
				.doesNotContain(context.getBean("otelSpanProcessor", SpanProcessor.class))
				.contains(context.getBean(CascadeContextSpanProcessor.class));
		});
	}

	@Test
	void bootsBatchProcessorStaysForTheApplicationsExporter() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		bootTracing().withBean(SpanExporter.class, () -> exporter).run((context) -> {
			assertThat(context.getBean(SpanProcessors.class).list())
				.contains(context.getBean("otelSpanProcessor", SpanProcessor.class));
			runOnce(context.getBean(CascadeTracer.class), exporter, context.getBean(SdkTracerProvider.class));
		});
	}

	@Test
	void bootsBatchProcessorStaysForTheApplicationsSpanReporter() {
		bootTracing().withBean(SpanReporter.class, () -> (span) -> {
		}).run((context) -> assertThat(context.getBean(SpanProcessors.class).list())
			.contains(context.getBean("otelSpanProcessor", SpanProcessor.class)));
	}

	@Test
	void theApplicationsOwnBatchProcessorIsKept() {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		bootTracing().withBean("myBatchProcessor", BatchSpanProcessor.class, () -> BatchSpanProcessor.builder(exporter).build())
			.run((context) -> {
				assertThat(context).doesNotHaveBean("otelSpanProcessor");
				runOnce(context.getBean(CascadeTracer.class), exporter, context.getBean(SdkTracerProvider.class));
			});
	}

	@Test
	void theApplicationsSpanProcessorsWinAndTracingOffLeavesBootsOwn() {
		SpanProcessors mine = SpanProcessors.of();
		bootTracing().withBean(SpanProcessors.class, () -> mine)
			.run((context) -> assertThat(context).getBean(SpanProcessors.class).isSameAs(mine));
		bootTracing().withPropertyValues("cascade.enabled=false")
			.run((context) -> assertThat(context.getBean(SpanProcessors.class).list())
				.contains(context.getBean("otelSpanProcessor", SpanProcessor.class)));
	}

	/** Boot's tracing and Cascade's core, without the test fixture's exporters. */
	private static ApplicationContextRunner bootTracing() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
				OpenTelemetrySdkAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
				CascadeAutoConfiguration.class));
	}

	private static void runOnce(CascadeTracer tracer, InMemorySpanExporter exporter, SdkTracerProvider provider) {
		tracer.traceRun("Run", null, (Runnable) () -> {
		});
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("Run");
	}

}
