package com.runcascade.tracing.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

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
			.properties("server.port=0", "spring.main.banner-mode=off", "spring.ai.openai.api-key=not-used",
					"spring.ai.anthropic.api-key=not-used")
			.run()) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
			assertThat(get(context, "/hello")).isEqualTo("hello");
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			assertThat(registry.scrape()).contains("cascade_export_spans_total{outcome=\"exported\"}");
			// The server records the request just after the response went out.
			await().untilAsserted(() -> assertThat(registry.scrape()).contains("http_server_requests_seconds_count{"));
		}
	}

	private static String get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HelloApplication {

		@RestController
		static class Hello {

			@GetMapping("/hello")
			String hello() {
				return "hello";
			}

		}

	}

}
