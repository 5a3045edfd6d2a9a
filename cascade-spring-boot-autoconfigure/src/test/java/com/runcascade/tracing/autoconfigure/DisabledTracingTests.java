package com.runcascade.tracing.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.support.DefaultCascadeTracer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Disabled is not absent": whole applications (auto-configuration as Boot selects it, a servlet
 * server on loopback) with Cascade disabled, disabled with tracing configured by the application,
 * and enabled.
 */
class DisabledTracingTests {

	private static final String[] COMMON = { "server.port=0", "spring.main.banner-mode=off",
			"spring.ai.openai.api-key=not-used", "spring.ai.anthropic.api-key=not-used" };

	@Test
	void disabledLeavesOutTheTracingStackTheStarterBrought() throws Exception {
		try (ConfigurableApplicationContext context = start("cascade.enabled=false")) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).isEmpty();
			assertThat(tracingHandlers(context)).isEmpty();
			assertThat(get(context, "/hello")).isEqualTo("hello");
			assertThat(context.getBean(DefaultCascadeTracer.class).otelTracer().spanBuilder("x").startSpan().isRecording())
				.isFalse();
		}
	}

	@Test
	void disabledKeepsTracingTheApplicationConfiguredItself() throws Exception {
		try (ConfigurableApplicationContext context = start("cascade.enabled=false",
				"management.tracing.sampling.probability=1.0")) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
			assertThat(tracingHandlers(context)).isNotEmpty();
			assertThat(get(context, "/hello")).isEqualTo("hello");
		}
	}

	@Test
	void enabledKeepsBootsTracing() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBeansOfType(SdkTracerProvider.class)).hasSize(1);
			assertThat(tracingHandlers(context)).isNotEmpty();
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(HelloApplication.class).properties(COMMON).properties(properties).run();
	}

	@SuppressWarnings("rawtypes")
	private static java.util.Collection<ObservationHandler> tracingHandlers(ConfigurableApplicationContext context) {
		return context.getBeansOfType(ObservationHandler.class)
			.values()
			.stream()
			.filter((handler) -> handler instanceof TracingObservationHandler)
			.toList();
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
