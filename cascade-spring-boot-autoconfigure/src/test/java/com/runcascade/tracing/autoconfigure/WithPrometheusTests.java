package com.runcascade.tracing.autoconfigure;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole application with Boot's metrics and a Prometheus registry next to its tracing. Boot orders
 * its Prometheus exemplars after tracing and its registries before the composite one, so a Cascade
 * auto-configuration ordered before tracing and after the metrics ones closes a cycle and the
 * application does not start; this class path is where that shows.
 */
class WithPrometheusTests {

	@Test
	void theApplicationStartsServesAndCascadeMetersReachThePrometheusRegistry() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HelloApplication.class)
			.properties(HelloApplication.COMMON)
			.run()) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
			assertThat(HelloApplication.get(context, "/hello")).isEqualTo("hello");
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			assertThat(registry.scrape()).contains("cascade_export_spans_total{outcome=\"exported\"}");
			// The server records the request just after the response went out.
			await().untilAsserted(() -> assertThat(registry.scrape()).contains("http_server_requests_seconds_count{"));
		}
	}

}
