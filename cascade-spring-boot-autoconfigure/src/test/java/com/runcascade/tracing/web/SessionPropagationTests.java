package com.runcascade.tracing.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions across services: three real servlet applications on loopback ports. The front service
 * calls the others with {@code RestClient} and {@code WebClient} built from Boot's builders while a
 * session is current; each downstream service answers with the session its own run carries and the
 * {@code baggage} header it received.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionPropagationTests {

	private static final String HEADER = "X-Cascade-Session-Id";

	private static ConfigurableApplicationContext downstream;

	private static ConfigurableApplicationContext isolated;

	private static ConfigurableApplicationContext front;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startServices() {
		downstream = start(Downstream.class);
		isolated = start(Downstream.class, "cascade.session.propagation.enabled=false");
		front = start(Front.class, "test.downstream=http://127.0.0.1:" + port(downstream),
				"test.isolated=http://127.0.0.1:" + port(isolated));
	}

	@AfterAll
	static void stopServices() {
		for (ConfigurableApplicationContext context : List.of(front, isolated, downstream)) {
			context.close();
		}
	}

	@BeforeEach
	void reset() {
		for (ConfigurableApplicationContext context : List.of(front, isolated, downstream)) {
			context.getBean(InMemorySpanExporter.class).reset();
		}
	}

	@Test
	void theSessionTravelsWithARestClientCallAndTheDownstreamRunCarriesIt() throws Exception {
		assertThat(get(front, "/call?client=rest", HEADER, "chat-42")).isEqualTo("chat-42|cascade.session_id=chat-42");
		SpanData remote = span(downstream, "Downstream");
		assertThat(attr(remote, "cascade.session_id")).isEqualTo("chat-42");
		assertThat(remote.getTraceId()).isEqualTo(span(front, "Front").getTraceId());
	}

	@Test
	void theSessionTravelsWithAWebClientCallToo() throws Exception {
		assertThat(get(front, "/call?client=web", HEADER, "chat-43")).isEqualTo("chat-43|cascade.session_id=chat-43");
		SpanData remote = span(downstream, "Downstream");
		assertThat(attr(remote, "cascade.session_id")).isEqualTo("chat-43");
		assertThat(remote.getTraceId()).isEqualTo(span(front, "Front").getTraceId());
	}

	@Test
	void aSessionSetInCodeTravelsAndNoBaggageIsSentWithoutOne() throws Exception {
		assertThat(get(front, "/call?client=rest&session=in-code")).isEqualTo("in-code|cascade.session_id=in-code");
		assertThat(get(front, "/call?client=rest")).isEqualTo("none|none");
	}

	@Test
	void anIncomingSessionHeaderWinsOverTheBaggage() throws Exception {
		assertThat(get(front, "/call?client=rest&header=own-session", HEADER, "chat-44"))
			.isEqualTo("own-session|cascade.session_id=chat-44");
	}

	@Test
	void aServiceWithPropagationOffIgnoresTheBaggage() throws Exception {
		assertThat(get(front, "/call?client=rest&target=isolated", HEADER, "chat-45"))
			.isEqualTo("none|cascade.session_id=chat-45");
	}

	@Test
	void theDownstreamServiceValidatesTheBaggageValueLikeAHeader(CapturedOutput output) throws Exception {
		assertThat(get(downstream, "/whoami", "baggage", "cascade.session_id=" + "a".repeat(129)))
			.startsWith("none|");
		assertThat(get(downstream, "/whoami", "baggage", "cascade.session_id=bad%20value%3Cscript%3E"))
			.startsWith("none|");
		assertThat(get(downstream, "/whoami", "baggage", "other=1,cascade.session_id=ok-1")).startsWith("ok-1|");
		assertThat(output).contains("Cascade ignored the cascade.session_id baggage entry because")
			.doesNotContain("<script>")
			.doesNotContain("aaaaaaaaaaaaaaaaaaaa");
	}

	private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"spring.main.web-application-type=servlet", "spring.ai.openai.api-key=not-used",
					"spring.ai.anthropic.api-key=not-used")
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return BootLine.port(context);
	}

	private String get(ConfigurableApplicationContext service, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port(service) + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static SpanData span(ConfigurableApplicationContext service, String name) {
		InMemorySpanExporter exporter = service.getBean(InMemorySpanExporter.class);
		return await().until(() -> exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElse(null), (span) -> span != null);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryTracing.ExporterConfiguration.class)
	static class Downstream {

		@Bean
		DownstreamController downstreamController(CascadeTracer tracer) {
			return new DownstreamController(tracer);
		}

	}

	@RestController
	static class DownstreamController {

		private final CascadeTracer tracer;

		DownstreamController(CascadeTracer tracer) {
			this.tracer = tracer;
		}

		@GetMapping("/whoami")
		String whoami(@RequestHeader(name = "baggage", required = false) String baggage) {
			try (CascadeScope run = this.tracer.traceRun("Downstream")) {
				String id = this.tracer.currentSessionId();
				return ((id != null) ? id : "none") + "|" + ((baggage != null) ? baggage : "none");
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryTracing.ExporterConfiguration.class)
	static class Front {

		@Bean
		FrontController frontController(CascadeTracer tracer, RestClient.Builder rest, WebClient.Builder web,
				org.springframework.core.env.Environment environment) {
			return new FrontController(tracer, rest.build(), web.build(), environment);
		}

	}

	@RestController
	static class FrontController {

		private final CascadeTracer tracer;

		private final RestClient rest;

		private final WebClient web;

		private final org.springframework.core.env.Environment environment;

		FrontController(CascadeTracer tracer, RestClient rest, WebClient web,
				org.springframework.core.env.Environment environment) {
			this.tracer = tracer;
			this.rest = rest;
			this.web = web;
			this.environment = environment;
		}

		@GetMapping("/call")
		String call(@RequestParam String client, @RequestParam(defaultValue = "downstream") String target,
				@RequestParam(required = false) String header, @RequestParam(required = false) String session) {
			String url = this.environment.getRequiredProperty("test." + target) + "/whoami";
			try (CascadeScope scope = (session != null) ? this.tracer.sessionScope(session) : null;
					CascadeScope run = this.tracer.traceRun("Front")) {
				if (client.equals("rest")) {
					return this.rest.get()
						.uri(url)
						.headers((headers) -> addSessionHeader(headers, header))
						.retrieve()
						.body(String.class);
				}
				return this.web.get()
					.uri(url)
					.headers((headers) -> addSessionHeader(headers, header))
					.retrieve()
					.bodyToMono(String.class)
					.block();
			}
		}

		private static void addSessionHeader(org.springframework.http.HttpHeaders headers, String header) {
			if (header != null) {
				headers.set(HEADER, header);
			}
		}

	}

}
