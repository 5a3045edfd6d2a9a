package com.runcascade.tracing.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.springai.SpringAiTestLine;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session contract in a reactive (WebFlux on Netty) application: a real server, handlers that
 * return {@code Mono} and {@code Flux} and hop threads, and a streamed ChatClient call against the
 * provider emulator. Runs in the {@code webflux-only} surefire execution, with no servlet API on the
 * class path, so every path of the reactive filter (warnings, baggage, ending a session) is
 * exercised where a servlet type would fail to load.
 */
@Tag("webflux-only")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", BootLine.TRACING_IN_SPRING_BOOT_TEST,
				"spring.ai.model.chat=anthropic", "spring.ai.anthropic.api-key=test",
				"spring.ai.openai.api-key=not-used" })
@ExtendWith(OutputCaptureExtension.class)
class CascadeReactiveSessionFilterTests {

	private static final String HEADER = "X-Cascade-Session-Id";

	private static final LlmEmulator emulator = LlmEmulator.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpanExporter exporter;

	@DynamicPropertySource
	static void emulatorUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.anthropic.base-url", emulator::anthropicBaseUrl);
		for (String property : List.of(SpringAiTestLine.model("anthropic", "claude-sonnet-4-5"),
				SpringAiTestLine.noRetries("anthropic"))) {
			String[] pair = property.split("=", 2);
			registry.add(pair[0], () -> pair[1]);
		}
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void aValidHeaderIsTheSessionOfARunInAMonoAndIsEchoedBack() throws Exception {
		HttpResponse<String> response = get("/mono", HEADER, "chat-1:turn_2.a-b");
		assertThat(response.body()).isEqualTo("chat-1:turn_2.a-b");
		assertThat(response.headers().firstValue(HEADER)).hasValue("chat-1:turn_2.a-b");
		assertThat(attr(span("MonoRun"), "cascade.session_id")).isEqualTo("chat-1:turn_2.a-b");
	}

	@Test
	void theServerSpanCarriesTheSessionAndIsTheParentOfTheRun() throws Exception {
		get("/mono", HEADER, "server-span");
		// The run's parent: a server span of an earlier test's request may end after the exporter's reset.
		SpanData run = span("MonoRun");
		SpanData server = await().until(() -> serverSpan(run.getParentSpanId()), (span) -> span != null);
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(attr(server, "cascade.session_id")).isEqualTo("server-span");
		assertThat(attr(server, "session.id")).isEqualTo("server-span");
	}

	@Test
	void runsAfterThreadHopsInMonoAndFluxCarryTheSession() throws Exception {
		assertThat(get("/hop", HEADER, "hop-1").body()).isEqualTo("hop-1");
		SpanData hop = span("HopRun");
		assertThat(attr(hop, "cascade.session_id")).isEqualTo("hop-1");
		assertThat(attr(hop, "thread")).startsWith("boundedElastic");

		assertThat(get("/flux", HEADER, "flux-1").body()).isEqualTo("flux-1flux-1flux-1");
		List<SpanData> runs = spans("FluxRun");
		assertThat(runs).hasSize(3)
			.allSatisfy((run) -> assertThat(attr(run, "cascade.session_id")).isEqualTo("flux-1"))
			.allSatisfy((run) -> assertThat(attr(run, "thread")).startsWith("parallel"));
	}

	@Test
	void concurrentExchangesOnSharedEventLoopsKeepTheirOwnSessionsAndLeakNone() throws Exception {
		List<CompletableFuture<HttpResponse<String>>> withSession = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> without = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			withSession.add(send("/hop", HEADER, "s-" + i));
			without.add(send("/hop"));
		}
		for (int i = 0; i < 40; i++) {
			assertThat(withSession.get(i).get().body()).isEqualTo("s-" + i);
			assertThat(without.get(i).get().body()).isEqualTo("none");
		}
		// The event loop threads are idle again and carry no session.
		assertThat(get("/mono").body()).isEqualTo("none");
	}

	@Test
	void aSessionFromAnotherServicesBaggageIsUsedAndTheHeaderWinsOverIt() throws Exception {
		assertThat(get("/mono", "baggage", "tenant=acme,cascade.session_id=upstream-1").body()).isEqualTo("upstream-1");
		assertThat(get("/mono", "baggage", "cascade.session_id=upstream-1", HEADER, "own").body()).isEqualTo("own");
		assertThat(get("/mono", "baggage", "cascade.session_id=bad%20value").body()).isEqualTo("none");
	}

	@Test
	void aWebClientCallFromAHandlerCarriesTheSessionToTheNextService() throws Exception {
		// The handler calls this same application without a session header: only the baggage carries it.
		HttpResponse<String> response = get("/relay?port=" + this.port, HEADER, "relay-1");
		assertThat(response.body()).isEqualTo("relay-1");
		assertThat(spans("MonoRun")).singleElement()
			.satisfies((run) -> assertThat(attr(run, "cascade.session_id")).isEqualTo("relay-1"));
	}

	@Test
	void aRequestWithoutTheHeaderHasNoSessionAndNoResponseHeader() throws Exception {
		HttpResponse<String> response = get("/mono");
		assertThat(response.body()).isEqualTo("none");
		assertThat(response.headers().firstValue(HEADER)).isEmpty();
	}

	@Test
	void anInvalidHeaderIsIgnoredWithAWarningThatDoesNotEchoIt(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/mono", HEADER, "a".repeat(129));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("none");
		assertThat(response.headers().firstValue(HEADER)).isEmpty();
		assertThat(get("/mono", HEADER, "b".repeat(128)).body()).isEqualTo("b".repeat(128));
		assertThat(get("/mono", HEADER, "bad value<script>").body()).isEqualTo("none");
		assertThat(output).contains("Cascade ignored the X-Cascade-Session-Id request header because it is 129")
			.doesNotContain("aaaaaaaaaaaaaaaaaaaa");
	}

	@Test
	void theEndHeaderEndsTheSessionAfterTheExchangeCompletes() throws Exception {
		assertThat(get("/hop", HEADER, "to-end", "X-Cascade-Session-End", "true").body()).isEqualTo("to-end");
		SpanData end = await().until(() -> find("cascade.session.end"), (span) -> span != null);
		assertThat(attr(end, "cascade.session_id")).isEqualTo("to-end");
		assertThat(attr(end, "cascade.span_type")).isEqualTo("session_end");
		SpanData run = span("HopRun");
		assertThat(end.getStartEpochNanos()).isGreaterThanOrEqualTo(run.getEndEpochNanos());
		assertThat(end.getTraceId()).isEqualTo(run.getTraceId());
	}

	@Test
	void aStreamedChatClientResponseCarriesTheSession() throws Exception {
		emulator.enqueue(ScriptedReply.text("Hello from the stream").withUsage(5, 4));
		HttpResponse<String> response = get("/stream", HEADER, "stream-1");
		assertThat(response.body()).isEqualTo("Hello from the stream");
		assertThat(response.headers().firstValue(HEADER)).hasValue("stream-1");
		SpanData llm = await().until(() -> find("cascade.span_type", "llm"), (span) -> span != null);
		SpanData run = span("StreamRun");
		assertThat(attr(llm, "cascade.session_id")).isEqualTo("stream-1");
		assertThat(attr(run, "cascade.session_id")).isEqualTo("stream-1");
		SpanData server = await().until(() -> serverSpan(run.getParentSpanId()), (span) -> span != null);
		assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
		// The run's scope closed when the handler returned the stream; the stream runs after it, in the exchange.
		assertThat(llm.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(llm.getEndEpochNanos()).isLessThanOrEqualTo(server.getEndEpochNanos());
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		return send(path, headers).get();
	}

	private CompletableFuture<HttpResponse<String>> send(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private SpanData serverSpan(String spanId) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER && span.getSpanId().equals(spanId))
			.findFirst()
			.orElse(null);
	}

	private SpanData span(String name) {
		return await().until(() -> find(name), (span) -> span != null);
	}

	private List<SpanData> spans(String name) {
		return this.exporter.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	private SpanData find(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.reduce((first, second) -> second)
			.orElse(null);
	}

	private SpanData find(String key, String value) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> value.equals(attr(span, key)))
			.findFirst()
			.orElse(null);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryTracing.ExporterConfiguration.class)
	static class ReactiveApplication {

		@Bean
		ReactiveController reactiveController(CascadeTracer tracer, ChatClient.Builder chatClient,
				WebClient.Builder webClient) {
			return new ReactiveController(tracer, chatClient.build(), webClient.build());
		}

	}

	@RestController
	static class ReactiveController {

		private final CascadeTracer tracer;

		private final ChatClient chatClient;

		private final WebClient webClient;

		ReactiveController(CascadeTracer tracer, ChatClient chatClient, WebClient webClient) {
			this.tracer = tracer;
			this.chatClient = chatClient;
			this.webClient = webClient;
		}

		@GetMapping("/relay")
		Mono<String> relay(@RequestParam int port) {
			return this.webClient.get()
				.uri("http://127.0.0.1:" + port + "/mono")
				.retrieve()
				.bodyToMono(String.class);
		}

		@GetMapping("/mono")
		Mono<String> mono() {
			return Mono.fromSupplier(() -> run("MonoRun", this::sessionOrNone));
		}

		@GetMapping("/hop")
		Mono<String> hop() {
			return Mono.delay(Duration.ofMillis(1))
				.publishOn(Schedulers.boundedElastic())
				.map((tick) -> run("HopRun", this::sessionOrNone));
		}

		@GetMapping("/flux")
		Flux<String> flux() {
			return Flux.range(1, 3).publishOn(Schedulers.parallel()).map((i) -> run("FluxRun", this::sessionOrNone));
		}

		@GetMapping("/stream")
		Flux<String> stream() {
			return Flux.defer(() -> {
				try (CascadeScope run = this.tracer.traceRun("StreamRun")) {
					return this.chatClient.prompt().user("Say hello").stream().content();
				}
			});
		}

		private String run(String name, Supplier<String> body) {
			try (CascadeScope run = this.tracer.traceRun(name)) {
				run.setAttribute("thread", Thread.currentThread().getName());
				return body.get();
			}
		}

		private String sessionOrNone() {
			String id = this.tracer.currentSessionId();
			return (id != null) ? id : "none";
		}

	}

}
