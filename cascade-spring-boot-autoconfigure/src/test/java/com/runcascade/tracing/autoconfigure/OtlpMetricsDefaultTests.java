package com.runcascade.tracing.autoconfigure;

import io.micrometer.registry.otlp.OtlpMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole applications with Micrometer's OTLP registry on the class path, as
 * {@code spring-boot-starter-opentelemetry} brings it: without a metrics URL of the application's,
 * Cascade keeps Boot from pushing to a collector that is not there (a stack trace a minute).
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpMetricsDefaultTests {

	@Test
	void withoutAUrlOtlpMetricsExportIsOffAndSaidOnce(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = start("management.otlp.metrics.export.step=100ms")) {
			assertThat(context.getBeansOfType(OtlpMeterRegistry.class)).isEmpty();
			assertThat(HelloApplication.get(context, "/hello")).isEqualTo("hello");
			Thread.sleep(300);
		}
		assertThat(output.getOut().split("Cascade turned OTLP metrics export off", -1)).hasSize(2);
		assertThat(output).doesNotContain("ConnectException").doesNotContain("\tat ");
	}

	@Test
	void aUrlOfTheApplicationsKeepsOtlpMetricsExport() throws Exception {
		try (ConfigurableApplicationContext context = start(
				"management.otlp.metrics.export.url=http://127.0.0.1:9/v1/metrics",
				"management.otlp.metrics.export.step=1h")) {
			assertThat(context.getBeansOfType(OtlpMeterRegistry.class)).hasSize(1);
		}
	}

	@Test
	void anExplicitSettingOfTheApplicationsWins() throws Exception {
		try (ConfigurableApplicationContext context = start("management.otlp.metrics.export.enabled=true",
				"management.otlp.metrics.export.step=1h")) {
			assertThat(context.getBeansOfType(OtlpMeterRegistry.class)).hasSize(1);
		}
	}

	@Test
	void withCascadeDisabledBootDecidesAlone() throws Exception {
		try (ConfigurableApplicationContext context = start("cascade.enabled=false",
				"management.otlp.metrics.export.step=1h")) {
			assertThat(context.getBeansOfType(OtlpMeterRegistry.class)).hasSize(1);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(HelloApplication.class).properties(HelloApplication.COMMON)
			.properties(properties)
			.run();
	}

}
