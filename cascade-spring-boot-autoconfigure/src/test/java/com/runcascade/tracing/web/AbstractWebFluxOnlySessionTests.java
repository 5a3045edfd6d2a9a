package com.runcascade.tracing.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.runcascade.tracing.BootLine;
import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.springai.SpringAiTestLine;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.isDescendant;
import static com.runcascade.tracing.InMemoryTracing.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux application as {@code spring-boot-starter-webflux} alone makes it, started on a port:
 * the surefire execution {@code webflux-only} runs these tests with no servlet API, Tomcat or Spring
 * MVC on the class path, and Boot deduces the reactive application type by itself. Requests carry a
 * {@code traceparent} whose sampled flag decides for the caller, so each case is deterministic
 * whatever the probability; the subclasses run them at two probabilities and add what differs.
 */
@Tag("webflux-only")
@SpringBootTest(classes = AbstractWebFluxOnlySessionTests.WebFluxApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.banner-mode=off", BootLine.TRACING_IN_SPRING_BOOT_TEST,
				"spring.ai.model.chat=anthropic", "spring.ai.anthropic.api-key=test",
				"spring.ai.openai.api-key=not-used" })
abstract class AbstractWebFluxOnlySessionTests {

	static final String HEADER = "X-Cascade-Session-Id";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	InMemorySpanExporter exporter;

	@Autowired
	LlmEmulator emulator;

	@BeforeEach
	void reset() {
		this.exporter.reset();
	}

	@Test
	void runsWithoutTheServletApiAsAReactiveApplication(@Autowired ApplicationContext context) {
		// The guard of every other case: were the servlet API here, they would prove nothing about it.
		assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> Class.forName("jakarta.servlet.Filter"));
		assertThat(context).isInstanceOf(BootLine.REACTIVE_WEB_SERVER_CONTEXT);
		assertThat(context.getBean("cascadeReactiveSessionFilter")).isInstanceOf(CascadeReactiveSessionFilter.class);
		assertThat(context.containsBean("cascadeSessionFilter")).isFalse();
	}

	@Test
	void aSessionRequestIsRecordedWholeThoughItsCallerSampledItOut() throws Exception {
		Caller caller = Caller.sampledOut();
		HttpResponse<String> response = get("/mono", HEADER, "whole-1", "traceparent", caller.traceparent());
		assertThat(response.body()).isEqualTo("whole-1");
		assertThat(response.headers().firstValue(HEADER)).hasValue("whole-1");
		SpanData server = awaitServerSpan(caller.traceId());
		SpanData run = awaitSpan("MonoRun", caller.traceId());
		assertThat(run.getParentSpanId()).as(tree(this.exporter)).isEqualTo(server.getSpanId());
		assertThat(run.getLinks()).isEmpty();
		assertThat(attr(server, "cascade.session_id")).isEqualTo("whole-1");
		assertThat(attr(run, "cascade.session_id")).isEqualTo("whole-1");
	}

	@Test
	void runsOfAFluxOnOtherThreadsAreRecordedWithTheSession() throws Exception {
		Caller caller = Caller.sampledOut();
		assertThat(get("/flux", HEADER, "flux-1", "traceparent", caller.traceparent()).body())
			.isEqualTo("flux-1flux-1flux-1");
		SpanData server = awaitServerSpan(caller.traceId());
		List<SpanData> runs = await().until(() -> spans("FluxRun", caller.traceId()), (found) -> found.size() == 3);
		assertThat(runs).allSatisfy((run) -> {
			assertThat(run.getParentSpanId()).isEqualTo(server.getSpanId());
			assertThat(attr(run, "cascade.session_id")).isEqualTo("flux-1");
		});
	}

	@Test
	void aStreamedFluxOutsideAnyRunIsRecordedWithTheSession() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("Hello from the stream").withUsage(5, 4));
		Caller caller = Caller.sampledOut();
		HttpResponse<String> response = get("/stream", HEADER, "stream-1", "traceparent", caller.traceparent());
		assertThat(response.body()).isEqualTo("Hello from the stream");
		SpanData server = awaitServerSpan(caller.traceId());
		SpanData llm = await().until(() -> llmSpan(caller.traceId()), (span) -> span != null);
		assertThat(isDescendant(this.exporter, llm, server)).as(tree(this.exporter)).isTrue();
		assertThat(attr(llm, "cascade.session_id")).isEqualTo("stream-1");
		assertThat(llm.getAttributes().get(AttributeKey.longKey("llm.output_tokens"))).isEqualTo(4L);
	}

	@Test
	void aRequestWithoutTheHeaderFollowsItsCaller() throws Exception {
		Caller sampledOut = Caller.sampledOut();
		assertThat(get("/mono", "traceparent", sampledOut.traceparent()).body()).isEqualTo("none");
		SpanData ownTrace = awaitSpanLinkedTo("MonoRun", sampledOut.traceId());
		assertThat(ownTrace.getParentSpanContext().isValid()).isFalse();
		assertThat(attr(ownTrace, "cascade.session_id")).isNull();
		assertThat(spansOf(sampledOut.traceId())).isEmpty();

		Caller sampled = Caller.sampled();
		assertThat(get("/mono", "traceparent", sampled.traceparent()).body()).isEqualTo("none");
		SpanData server = awaitServerSpan(sampled.traceId());
		assertThat(awaitSpan("MonoRun", sampled.traceId()).getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(attr(server, "cascade.session_id")).isNull();
	}

	@Test
	void aSessionFromBaggageStaysOnTheRunOfASampledOutRequest() throws Exception {
		Caller caller = Caller.sampledOut();
		assertThat(get("/mono", "baggage", "cascade.session_id=upstream-1", "traceparent", caller.traceparent()).body())
			.isEqualTo("upstream-1");
		SpanData run = awaitSpanLinkedTo("MonoRun", caller.traceId());
		assertThat(attr(run, "cascade.session_id")).isEqualTo("upstream-1");
		assertThat(attr(run, "session.id")).isEqualTo("upstream-1");
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	SpanData awaitServerSpan(String traceId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> spansOf(traceId).stream()
				.filter((span) -> span.getKind() == SpanKind.SERVER)
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	SpanData awaitSpan(String name, String traceId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> spans(name, traceId).stream().findFirst().orElse(null), (span) -> span != null);
	}

	/** A span in a trace of its own, linked to the caller's (sampled-out) trace. */
	SpanData awaitSpanLinkedTo(String name, String traceId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals(name))
				.filter((span) -> span.getLinks()
					.stream()
					.anyMatch((link) -> link.getSpanContext().getTraceId().equals(traceId)))
				.findFirst()
				.orElse(null), (span) -> span != null);
	}

	List<SpanData> spansOf(String traceId) {
		return this.exporter.getFinishedSpanItems().stream().filter((span) -> span.getTraceId().equals(traceId)).toList();
	}

	List<SpanData> spans(String name) {
		return this.exporter.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	private List<SpanData> spans(String name, String traceId) {
		return spansOf(traceId).stream().filter((span) -> span.getName().equals(name)).toList();
	}

	SpanData llmSpan(String traceId) {
		return spansOf(traceId).stream()
			.filter((span) -> CascadeAttributes.TYPE_LLM.equals(span.getAttributes().get(CascadeAttributes.SPAN_TYPE)))
			.findFirst()
			.orElse(null);
	}

	/** The calling service's trace context, sent as {@code traceparent}: its sampled flag is the caller's decision. */
	record Caller(String traceId, String flags) {

		static Caller sampledOut() {
			return new Caller(UUID.randomUUID().toString().replace("-", ""), "00");
		}

		static Caller sampled() {
			return new Caller(UUID.randomUUID().toString().replace("-", ""), "01");
		}

		String traceparent() {
			String spanId = String.format("%016x", ThreadLocalRandom.current().nextLong() | 1);
			return "00-" + this.traceId + "-" + spanId + "-" + this.flags;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryTracing.ExporterConfiguration.class)
	static class WebFluxApplication {

		/** The provider's stand-in, one per application, closed with it. */
		@Bean
		LlmEmulator llmEmulator() {
			return LlmEmulator.start();
		}

		@Bean
		DynamicPropertyRegistrar anthropicBaseUrl(LlmEmulator emulator) {
			return (registry) -> {
				registry.add("spring.ai.anthropic.base-url", emulator::anthropicBaseUrl);
				for (String property : List.of(SpringAiTestLine.model("anthropic", "claude-sonnet-4-5"),
						SpringAiTestLine.noRetries("anthropic"))) {
					String[] pair = property.split("=", 2);
					registry.add(pair[0], () -> pair[1]);
				}
			};
		}

		@Bean
		SessionController sessionController(CascadeTracer tracer, ChatClient.Builder chatClient) {
			return new SessionController(tracer, chatClient.build());
		}

	}

	@RestController
	static class SessionController {

		private final CascadeTracer tracer;

		private final ChatClient chatClient;

		SessionController(CascadeTracer tracer, ChatClient chatClient) {
			this.tracer = tracer;
			this.chatClient = chatClient;
		}

		@GetMapping("/mono")
		Mono<String> mono() {
			return Mono.fromSupplier(() -> run("MonoRun"));
		}

		@GetMapping("/flux")
		Flux<String> flux() {
			return Flux.range(1, 3).publishOn(Schedulers.parallel()).map((i) -> run("FluxRun"));
		}

		/** A streamed reply returned as it is, outside any run. */
		@GetMapping("/stream")
		Flux<String> stream() {
			return this.chatClient.prompt().user("Say hello").stream().content();
		}

		private String run(String name) {
			try (CascadeScope run = this.tracer.traceRun(name)) {
				String id = this.tracer.currentSessionId();
				return (id != null) ? id : "none";
			}
		}

	}

}
