package com.runcascade.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.runcascade.emulator.OtlpReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The LangChain4j hotel assistant of the running sample, offline against the emulator: one request
 * to {@code POST /api/assistant} is one trace with the run, the AI service's agent, its two LLM
 * requests with tokens and cost and the {@code @Tool} bean's call between them, as a real OTLP
 * receiver gets it, in the console tree, and in the {@code /cascade} viewer's JSON API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class HotelAssistantTests {

	private static final OtlpReceiver receiver = startReceiver();

	/** Boot's JSON parser: the same on every Boot line, whichever Jackson the application has. */
	private static final JsonParser json = JsonParserFactory.getJsonParser();

	@LocalServerPort
	private int port;

	@Autowired
	private SdkTracerProvider tracerProvider;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void exportToTheLocalReceiverAndKeepTheViewer(DynamicPropertyRegistry registry) {
		registry.add("cascade.endpoint", () -> receiver.endpoint("/v1/traces"));
		registry.add("cascade.api-key", () -> "csk-test-key");
		registry.add("cascade.export.schedule-delay", () -> "100ms");
		// The viewer is off by default while spans leave the application: both at once here.
		registry.add("cascade.viewer.enabled", () -> "true");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void anAiServiceCallWithAToolBeanIsOneTraceExportedPrintedAndInTheViewer(CapturedOutput output) throws Exception {
		String session = "hotel-assistant-1";
		HttpResponse<String> response = post("/api/assistant", session, "{\"message\":\"Find me a hotel in Lisbon\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> reply = json.parseMap(response.body());
		assertThat(reply).containsEntry("sessionId", session);
		// The emulator calls the assistant's tool, then answers with what it returned.
		assertThat((String) reply.get("reply")).contains("findHotels", "Casa do Rio");
		String traceId = (String) reply.get("traceId");

		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		receiver.awaitSpans((spans) -> spans.stream()
			.anyMatch((span) -> traceIdOf(span).equals(traceId) && span.getName().equals("http post /api/assistant")));
		List<Span> trace = receiver.spans().stream().filter((span) -> traceIdOf(span).equals(traceId)).toList();

		Span server = OtlpReceiver.span(trace, "http post /api/assistant");
		Span run = OtlpReceiver.span(trace, "HotelRequest");
		Span agent = OtlpReceiver.span(trace, "HotelAssistant");
		assertThat(run.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(attr(run, "cascade.session_id")).isEqualTo(session);
		assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(attr(agent, "cascade.span_type")).isEqualTo("agent");
		assertThat(attr(agent, "agent.service")).isEqualTo(HotelAssistant.class.getName());
		assertThat(attr(agent, "agent.method")).isEqualTo("recommend");

		// The tool loop: a request that asks for the tool, the tool, a request that answers with its result.
		List<Span> llm = ofType(trace, "llm").stream()
			.sorted(Comparator.comparingLong(Span::getStartTimeUnixNano))
			.toList();
		assertThat(llm).hasSize(2).allSatisfy((call) -> {
			assertThat(call.getParentSpanId()).isEqualTo(agent.getSpanId());
			assertThat(attr(call, "llm.provider")).isEqualTo("anthropic");
			assertThat(attr(call, "cascade.agent_name")).isEqualTo("HotelAssistant");
			assertThat(attr(call, "cascade.session_id")).isEqualTo(session);
			assertThat(number(call, "llm.input_tokens")).isPositive();
			assertThat(number(call, "llm.output_tokens")).isPositive();
			assertThat(number(call, "llm.cost_usd")).isPositive();
		});
		assertThat(ofType(trace, "tool")).hasSize(1);
		Span tool = ofType(trace, "tool").get(0);
		assertThat(tool.getName()).isEqualTo("findHotels");
		assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(attr(tool, "tool.input")).startsWith("{");
		assertThat(attr(tool, "tool.output")).contains("Casa do Rio");
		assertThat(llm.get(0).getEndTimeUnixNano()).isLessThanOrEqualTo(tool.getStartTimeUnixNano());
		assertThat(tool.getEndTimeUnixNano()).isLessThanOrEqualTo(llm.get(1).getStartTimeUnixNano());
		// Nothing else: each LLM request is one span, with no framework layer around it.
		assertThat(trace).hasSize(6);

		// The run's totals sum the LangChain4j calls.
		double cost = llm.stream().mapToDouble((call) -> number(call, "llm.cost_usd")).sum();
		long inputTokens = llm.stream().mapToLong((call) -> (long) number(call, "llm.input_tokens")).sum();
		assertThat(number(run, "cascade.usage.llm_calls")).isEqualTo(2);
		assertThat(number(run, "cascade.usage.tool_calls")).isEqualTo(1);
		assertThat(number(run, "cascade.usage.input_tokens")).isEqualTo(inputTokens);
		assertThat(number(run, "cascade.usage.cost_usd")).isCloseTo(cost, within(1e-12));

		// The viewer: the session's run with the same totals, and the same tree of spans.
		Map<String, Object> runs = json.parseMap(get("/cascade/api/traces?session=" + session).body());
		assertThat(list(runs.get("traces"))).singleElement().satisfies((summary) -> {
			assertThat(summary).containsEntry("traceId", traceId).containsEntry("name", "HotelRequest");
			assertThat(((Number) summary.get("llmCalls")).intValue()).isEqualTo(2);
			assertThat(((Number) summary.get("toolCalls")).intValue()).isEqualTo(1);
			assertThat(((Number) summary.get("inputTokens")).longValue()).isEqualTo(inputTokens);
			assertThat(((Number) summary.get("costUsd")).doubleValue()).isCloseTo(cost, within(1e-12));
			assertThat((List<Object>) summary.get("agents")).containsExactly("HotelAssistant");
		});
		HttpResponse<String> viewed = get("/cascade/api/traces/" + traceId);
		assertThat(viewed.statusCode()).isEqualTo(200);
		Set<String> viewerTree = list(json.parseMap(viewed.body()).get("spans")).stream()
			.map((span) -> edge((String) span.get("name"), (String) span.get("spanId"),
					(String) span.get("parentSpanId")))
			.collect(Collectors.toSet());
		Set<String> exportedTree = trace.stream()
			.map((span) -> edge(span.getName(), hex(span.getSpanId().toByteArray()),
					span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId().toByteArray())))
			.collect(Collectors.toSet());
		assertThat(viewerTree).isEqualTo(exportedTree);

		// The console tree (cascade.console.enabled in application.yml).
		assertThat(output).contains("[run] HotelRequest", "└─ [agent] HotelAssistant", "├─ [tool] findHotels");
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String session, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Cascade-Session-Id", session)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

	private static String edge(String name, String spanId, String parentId) {
		return name + " " + spanId + " < " + ((parentId != null) ? parentId : "");
	}

	private static List<Span> ofType(List<Span> spans, String type) {
		return spans.stream().filter((span) -> type.equals(attr(span, "cascade.span_type"))).toList();
	}

	private static String attr(Span span, String key) {
		return value(span, key).map(AnyValue::getStringValue).orElse(null);
	}

	/** A number attribute whatever type it was written with (-1 when absent). */
	private static double number(Span span, String key) {
		return value(span, key).map((value) -> value.hasDoubleValue() ? value.getDoubleValue() : value.getIntValue())
			.orElse(-1.0);
	}

	private static Optional<AnyValue> value(Span span, String key) {
		return span.getAttributesList()
			.stream()
			.filter((kv) -> kv.getKey().equals(key))
			.map(KeyValue::getValue)
			.findFirst();
	}

	private static String traceIdOf(Span span) {
		return hex(span.getTraceId().toByteArray());
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
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
