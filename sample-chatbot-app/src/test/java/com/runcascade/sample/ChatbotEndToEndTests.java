package com.runcascade.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.runcascade.emulator.OtlpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the sample on a random port with the built-in emulator, holds a three-turn conversation
 * over HTTP, ends it, and checks what a real OTLP receiver got.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatbotEndToEndTests {

	private static final OtlpReceiver receiver = startReceiver();

	@LocalServerPort
	private int port;

	@Autowired
	private SdkTracerProvider tracerProvider;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void exportToTheLocalReceiver(DynamicPropertyRegistry registry) {
		registry.add("cascade.endpoint", () -> receiver.endpoint("/v1/traces"));
		registry.add("cascade.api-key", () -> "csk-test-key");
		registry.add("cascade.export.schedule-delay", () -> "100ms");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void aThreeTurnConversationIsTracedAsOneSession() throws Exception {
		String session = "e2e-conversation-1";
		List<String> questions = List.of("Find me flights to Tokyo", "What is the weather forecast in Tokyo?",
				"Thanks, book the cheaper one");
		for (String question : questions) {
			HttpResponse<String> response = post("/api/chat", session, "{\"message\":\"" + question + "\"}");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Cascade-Session-Id")).hasValue(session);
			assertThat(response.body()).contains("\"sessionId\":\"" + session + "\"");
		}
		assertThat(post("/api/chat/end", session, "").statusCode()).isEqualTo(200);
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		receiver.awaitSpans((spans) -> spans.stream().anyMatch((span) -> span.getName().equals("cascade.session.end")));

		List<Span> spans = receiver.spans();
		Map<String, Span> byId = spans.stream()
			.collect(Collectors.toMap((span) -> hex(span.getSpanId().toByteArray()), Function.identity()));
		System.out.println(describe(spans, byId));

		List<Span> turns = named(spans, "ChatTurn");
		assertThat(turns).hasSize(3);
		assertThat(turns).allSatisfy((turn) -> assertThat(attr(turn, "cascade.session_id")).isEqualTo(session));
		assertThat(turns.stream().map((turn) -> attr(turn, "cascade.turn"))).containsExactlyInAnyOrder("1", "2", "3");
		for (Span turn : turns) {
			assertThat(childrenOf(spans, turn).stream().map(Span::getName)).contains("PlannerAgent", "ExecutorAgent");
		}
		assertThat(attr(named(spans, "PlannerAgent").get(0), "cascade.span_type")).isEqualTo("agent");
		for (Span turn : turns) {
			// One chat turn: the HTTP request, the run, 2 agents, 3 LLM calls, a tool, the function and the
			// LLM calls' HTTP client spans; no framework layer between an agent and its LLM and tool spans.
			List<Span> trace = spans.stream().filter((span) -> span.getTraceId().equals(turn.getTraceId())).toList();
			assertThat(trace).hasSizeLessThanOrEqualTo(12);
			assertThat(trace).filteredOn((span) -> attr(span, "cascade.span_type") == null)
				.allSatisfy((span) -> assertThat(span.getName()).satisfiesAnyOf(
						(name) -> assertThat(name).isEqualTo("http post /api/chat"),
						(name) -> assertThat(parentName(span, byId)).startsWith("llm.")));
		}

		List<Span> llm = spans.stream().filter((span) -> "llm".equals(attr(span, "cascade.span_type"))).toList();
		assertThat(llm).isNotEmpty().allSatisfy((span) -> {
			assertThat(longAttr(span, "llm.input_tokens")).isPositive();
			assertThat(doubleAttr(span, "llm.cost_usd")).isPositive();
			assertThat(attr(span, "cascade.session_id")).isEqualTo(session);
		});
		assertThat(llm.stream().map((span) -> attr(span, "cascade.agent_name"))).contains("PlannerAgent",
				"ExecutorAgent");

		List<Span> tools = spans.stream().filter((span) -> "tool".equals(attr(span, "cascade.span_type"))).toList();
		assertThat(tools).isNotEmpty().allSatisfy((tool) -> {
			assertThat(attr(tool, "tool.input")).startsWith("{");
			assertThat(attr(tool, "tool.output")).isNotBlank();
			assertThat(attr(tool, "cascade.agent_name")).isEqualTo("PlannerAgent");
			assertThat(ancestorNames(tool, byId)).contains("PlannerAgent", "ChatTurn");
		});

		List<Span> functions = named(spans, "format_reply");
		assertThat(functions).hasSize(3).allSatisfy((function) -> {
			assertThat(attr(function, "cascade.span_type")).isEqualTo("function");
			assertThat(parentName(function, byId)).isEqualTo("ExecutorAgent");
		});

		Span end = named(spans, "cascade.session.end").get(0);
		assertThat(attr(end, "cascade.span_type")).isEqualTo("session_end");
		assertThat(attr(end, "cascade.session_id")).isEqualTo(session);

		assertThat(receiver.received().get(0).headers()).containsEntry("authorization", "Bearer csk-test-key");
		assertThat(spans).allSatisfy((span) -> assertThat(span.toString()).doesNotContain("csk-test-key"));
	}

	@Test
	void anOversizedMessageIsRefusedWithAClear413() throws Exception {
		HttpResponse<String> response = post("/api/chat", "e2e-oversized",
				"{\"message\":\"" + "x".repeat(1024 * 1024) + "\"}");
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("message is 1048576 characters long; at most 8000 are accepted");
	}

	private HttpResponse<String> post(String path, String session, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("X-Cascade-Session-Id", session)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static List<Span> named(List<Span> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).toList();
	}

	private static List<Span> childrenOf(List<Span> spans, Span parent) {
		return spans.stream().filter((span) -> span.getParentSpanId().equals(parent.getSpanId())).toList();
	}

	private static String parentName(Span span, Map<String, Span> byId) {
		Span parent = byId.get(hex(span.getParentSpanId().toByteArray()));
		return (parent != null) ? parent.getName() : "<none>";
	}

	private static List<String> ancestorNames(Span span, Map<String, Span> byId) {
		List<String> names = new ArrayList<>();
		Span current = byId.get(hex(span.getParentSpanId().toByteArray()));
		while (current != null) {
			names.add(current.getName());
			current = byId.get(hex(current.getParentSpanId().toByteArray()));
		}
		return names;
	}

	private static String describe(List<Span> spans, Map<String, Span> byId) {
		StringBuilder out = new StringBuilder("Received spans:\n");
		for (Span span : spans) {
			out.append("  ").append(span.getName()).append(" <- ").append(parentName(span, byId)).append(" type=")
				.append(attr(span, "cascade.span_type")).append(" agent=").append(attr(span, "cascade.agent_name"))
				.append('\n');
		}
		return out.toString();
	}

	private static String attr(Span span, String key) {
		return value(span, key).map(AnyValue::getStringValue).orElse(null);
	}

	private static long longAttr(Span span, String key) {
		return value(span, key).map(AnyValue::getIntValue).orElse(-1L);
	}

	private static double doubleAttr(Span span, String key) {
		return value(span, key).map(AnyValue::getDoubleValue).orElse(-1.0);
	}

	private static Optional<AnyValue> value(Span span, String key) {
		return span.getAttributesList()
			.stream()
			.filter((kv) -> kv.getKey().equals(key))
			.map(KeyValue::getValue)
			.findFirst();
	}

	private static String hex(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (byte b : bytes) {
			out.append(String.format("%02x", b));
		}
		return out.toString();
	}

	private static OtlpReceiver startReceiver() {
		try {
			return OtlpReceiver.start();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
