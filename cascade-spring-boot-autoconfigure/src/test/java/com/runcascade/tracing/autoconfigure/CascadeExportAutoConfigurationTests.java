package com.runcascade.tracing.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.InMemoryTracing;

import static org.assertj.core.api.Assertions.assertThat;
import com.runcascade.tracing.export.CascadeExportSpanProcessor;
import com.runcascade.tracing.micrometer.ExportMetrics;

class CascadeExportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner();

	@Test
	void healthIndicatorNamedCascadeAndMetricsAreThereByDefault() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(BootLine.METRICS,
					BootLine.COMPOSITE_METER_REGISTRY, BootLine.SIMPLE_METRICS_EXPORT))
			.run((context) -> {
			assertThat(context).hasBean("cascadeHealthIndicator").hasSingleBean(ExportMetrics.class);
			BootLine.HealthView health = BootLine.health(context, "cascadeHealthIndicator");
			assertThat(health.status()).isEqualTo("UP");
			assertThat(health.details()).containsEntry("exporting", false)
				.containsEntry("endpoint", "https://api.runcascade.com/v1/traces");
			assertThat(context.getBean(MeterRegistry.class).get("cascade.export.spans").functionCounters()).hasSize(3);
		});
	}

	@Test
	void metricsAreBoundToARegistryOfTheApplicationsOwnByBoot() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(BootLine.METRICS))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(
					context.getBean(MeterRegistry.class).get("cascade.export.spans").functionCounters())
				.hasSize(3));
	}

	@Test
	void withoutAMeterRegistryTheMetricsBinderStaysIdle() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ExportMetrics.class)
			.doesNotHaveBean(MeterRegistry.class));
	}

	@Test
	void worksWithoutBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(BootLine.HEALTH_PACKAGE))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CascadeExportSpanProcessor.class)
				.doesNotHaveBean("cascadeHealthIndicator"));
	}

	@Test
	void worksWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CascadeExportSpanProcessor.class)
				.doesNotHaveBean(ExportMetrics.class));
	}

	@Test
	void theApplicationsOwnHealthIndicatorNamedCascadeWins() {
		this.contextRunner.withUserConfiguration(BootLine.DownHealthIndicatorConfiguration.class)
			.run((context) -> assertThat(BootLine.health(context, "cascadeHealthIndicator").status()).isEqualTo("DOWN"));
	}

}
