package com.runcascade.tracing.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1", "spring.main.banner-mode=off",
				// Spring AI is on the test classpath; its models need a key to start (none is used here).
				"spring.ai.openai.api-key=not-used", "spring.ai.anthropic.api-key=not-used" })
@ExtendWith(OutputCaptureExtension.class)
class CascadeSessionFilterTests {

	private static final String HEADER = "X-Cascade-Session-Id";

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
	void aValidHeaderIsTheSessionForTheRequestAndIsEchoedBack() throws Exception {
		HttpResponse<String> response = get("/session", HEADER, "chat-1:turn_2.a-b");
		assertThat(response.body()).isEqualTo("chat-1:turn_2.a-b");
		assertThat(response.headers().firstValue(HEADER)).hasValue("chat-1:turn_2.a-b");
		SpanData run = span("Handle");
		assertThat(attr(run, "cascade.session_id")).isEqualTo("chat-1:turn_2.a-b");
	}

	@Test
	void theServerSpanCarriesTheSessionToo() throws Exception {
		get("/session", HEADER, "server-span");
		SpanData server = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.findFirst()
			.orElseThrow();
		assertThat(attr(server, "cascade.session_id")).isEqualTo("server-span");
		assertThat(attr(server, "session.id")).isEqualTo("server-span");
		assertThat(attr(server, "gen_ai.conversation.id")).isEqualTo("server-span");
		assertThat(span("Handle").getParentSpanId()).isEqualTo(server.getSpanId());
	}

	@Test
	void aRequestWithoutTheHeaderHasNoSessionAndNoResponseHeader() throws Exception {
		HttpResponse<String> response = get("/session");
		assertThat(response.body()).isEqualTo("none");
		assertThat(response.headers().firstValue(HEADER)).isEmpty();
	}

	@Test
	void anInvalidHeaderIsIgnoredWithAWarningThatDoesNotEchoIt(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/session", HEADER, "bad value<script>");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("none");
		assertThat(response.headers().firstValue(HEADER)).isEmpty();
		assertThat(output).contains("Cascade ignored the X-Cascade-Session-Id request header because character 4")
			.doesNotContain("<script>");
	}

	@Test
	void anOversizedHeaderIsIgnored() throws Exception {
		HttpResponse<String> response = get("/session", HEADER, "a".repeat(129));
		assertThat(response.body()).isEqualTo("none");
		assertThat(get("/session", HEADER, "b".repeat(128)).body()).isEqualTo("b".repeat(128));
	}

	@Test
	void theEndHeaderEndsTheSessionAfterTheRequest() throws Exception {
		get("/session", HEADER, "to-end", "X-Cascade-Session-End", "true");
		SpanData end = span("cascade.session.end");
		assertThat(attr(end, "cascade.session_id")).isEqualTo("to-end");
		assertThat(attr(end, "cascade.span_type")).isEqualTo("session_end");
	}

	@Test
	void asyncRequestsKeepTheSessionOnTheAsyncThreadAndDispatch() throws Exception {
		HttpResponse<String> response = get("/async", HEADER, "async-1", "X-Cascade-Session-End", "true");
		assertThat(response.body()).isEqualTo("async-1");
		assertThat(response.headers().firstValue(HEADER)).hasValue("async-1");
		assertThat(attr(span("AsyncWork"), "cascade.session_id")).isEqualTo("async-1");
		assertThat(attr(span("cascade.session.end"), "cascade.session_id")).isEqualTo("async-1");
	}

	@Test
	void aPooledThreadDoesNotLeakASessionIntoTheNextRequest() throws Exception {
		// One Tomcat worker thread: every request runs on the same thread.
		for (int i = 0; i < 5; i++) {
			assertThat(get("/session", HEADER, "s-" + i).body()).isEqualTo("s-" + i);
			assertThat(get("/session").body()).isEqualTo("none");
		}
		List<String> threads = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals("Handle"))
			.map((span) -> attr(span, "thread"))
			.distinct()
			.toList();
		assertThat(threads).hasSize(1);
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		long serverSpansBefore = serverSpans();
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		// The server span ends just after the response is written.
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(5))
			.until(() -> serverSpans() > serverSpansBefore);
		return response;
	}

	private long serverSpans() {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER)
			.count();
	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no span " + name));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryTracing.ExporterConfiguration.class)
	static class WebApplication {

		@Bean
		SessionController sessionController(CascadeTracer tracer) {
			return new SessionController(tracer);
		}

	}

	@RestController
	static class SessionController {

		private final CascadeTracer tracer;

		SessionController(CascadeTracer tracer) {
			this.tracer = tracer;
		}

		@GetMapping("/session")
		String session() {
			try (var run = this.tracer.traceRun("Handle")) {
				run.setAttribute("thread", Thread.currentThread().getName());
				String id = Cascade.currentSessionId();
				return (id != null) ? id : "none";
			}
		}

		@GetMapping("/async")
		Callable<String> async() {
			return () -> {
				try (var run = this.tracer.traceRun("AsyncWork")) {
					String id = this.tracer.currentSessionId();
					return (id != null) ? id : "none";
				}
			};
		}

	}

}
