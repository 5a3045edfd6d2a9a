package com.runcascade.tracing.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;

import static com.runcascade.tracing.InMemoryTracing.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sampling that keeps runs, on a real servlet application whose probability drops every trace:
 * a run still gets recorded (in a trace of its own, linked to the request's span), a request with
 * the session header is recorded whole, and other spans follow the probability.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.tracing.sampling.probability=0.0", "spring.main.banner-mode=off",
				"spring.ai.openai.api-key=not-used", "spring.ai.anthropic.api-key=not-used" })
class SamplingTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpanExporter exporter;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void aRunInADroppedRequestIsRecordedInItsOwnTraceLinkedToTheRequest() throws Exception {
		String requestTrace = get("/work", null);
		SpanData run = awaitSpan("Turn");
		assertThat(run.getParentSpanContext().isValid()).isFalse();
		assertThat(run.getTraceId()).isNotEqualTo(requestTrace);
		assertThat(run.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext().getTraceId()).isEqualTo(requestTrace));
		SpanData agent = awaitSpan("Planner");
		assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(names(this.exporter)).doesNotContain("plain").noneMatch((name) -> name.startsWith("http"));
		assertThat(this.exporter.getFinishedSpanItems()).noneMatch((span) -> span.getKind() == SpanKind.SERVER);
	}

	@Test
	void aRunInADroppedRequestKeepsTheRequestsSession() throws Exception {
		// A session from another service's baggage does not force recording, unlike the header.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/work"))
			.header("baggage", "cascade.session_id=upstream-7")
			.build();
		this.http.send(request, HttpResponse.BodyHandlers.ofString());
		SpanData run = awaitSpan("Turn");
		assertThat(run.getParentSpanContext().isValid()).isFalse();
		assertThat(run.getAttributes().get(CascadeAttributes.SESSION_ID)).isEqualTo("upstream-7");
		assertThat(awaitSpan("Planner").getAttributes().get(CascadeAttributes.SESSION_ID)).isEqualTo("upstream-7");
	}

	@Test
	void aRequestWithTheSessionHeaderIsRecordedWhole() throws Exception {
		String requestTrace = get("/work", "chat-7");
		SpanData server = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getKind() == SpanKind.SERVER)
				.findFirst()
				.orElse(null), (span) -> span != null);
		SpanData plain = awaitSpan("plain");
		SpanData run = awaitSpan("Turn");
		assertThat(server.getTraceId()).isEqualTo(requestTrace);
		assertThat(plain.getTraceId()).isEqualTo(requestTrace);
		assertThat(run.getTraceId()).isEqualTo(requestTrace);
		assertThat(run.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(run.getLinks()).isEmpty();
	}

	@Test
	void anInvalidSessionHeaderDoesNotForceRecording() throws Exception {
		get("/work", "bad id with spaces");
		awaitSpan("Turn");
		assertThat(names(this.exporter)).doesNotContain("plain");
	}

	private String get(String path, String session) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (session != null) {
			request.header("X-Cascade-Session-Id", session);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private SpanData awaitSpan(String name) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals(name))
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryTracing.ExporterConfiguration.class)
	static class WebApplication {

		@Bean
		WorkController workController(CascadeTracer tracer, OpenTelemetry openTelemetry) {
			return new WorkController(tracer, openTelemetry);
		}

	}

	@RestController
	static class WorkController {

		private final CascadeTracer tracer;

		private final OpenTelemetry openTelemetry;

		WorkController(CascadeTracer tracer, OpenTelemetry openTelemetry) {
			this.tracer = tracer;
			this.openTelemetry = openTelemetry;
		}

		/** Returns the request's trace id. */
		@GetMapping("/work")
		String work() {
			String requestTrace = Span.current().getSpanContext().getTraceId();
			this.openTelemetry.getTracer("test").spanBuilder("plain").startSpan().end();
			try (CascadeScope run = this.tracer.traceRun("Turn")) {
				try (CascadeScope agent = this.tracer.traceAgent("Planner")) {
				}
			}
			return requestTrace;
		}

	}

}
