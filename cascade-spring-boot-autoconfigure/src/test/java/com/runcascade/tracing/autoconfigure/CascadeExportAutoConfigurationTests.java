package com.runcascade.tracing.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.InMemoryTracing;

import static org.assertj.core.api.Assertions.assertThat;
import com.runcascade.tracing.export.CascadeExportSpanProcessor;
import com.runcascade.tracing.micrometer.ExportMetrics;

class CascadeExportAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner();

	@Test
	void healthIndicatorNamedCascadeAndMetricsAreThereByDefault() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
			assertThat(context).hasBean("cascadeHealthIndicator").hasSingleBean(ExportMetrics.class);
			Health health = context.getBean("cascadeHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("exporting", false)
				.containsEntry("endpoint", "https://api.runcascade.com/v1/traces");
			assertThat(context.getBean(MeterRegistry.class).get("cascade.export.spans").functionCounters()).hasSize(3);
		});
	}

	@Test
	void metricsAreBoundToARegistryOfTheApplicationsOwnByBoot() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
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
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
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
		this.contextRunner.withBean("cascadeHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.run((context) -> assertThat(context.getBean("cascadeHealthIndicator", HealthIndicator.class).health()
				.getStatus()).isEqualTo(Status.DOWN));
	}

}
