package com.runcascade.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

/**
 * The sample as it runs in production: started on a port with actuator and a Prometheus registry,
 * exporting to a real OTLP receiver. Health and the Prometheus scrape answer, and a streamed turn
 * (server-sent events from the planner's {@code ChatClient} stream with its tool loop) returns the
 * whole reply and is one trace: HTTP request, run, agent, LLM calls and tool.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class RunsLikeProductionTests {

	private static final OtlpReceiver receiver = startReceiver();

	/** Boot's JSON parser: the same on every Boot line, whichever Jackson the application has. */
	private static final JsonParser json = JsonParserFactory.getJsonParser();

	@LocalServerPort
	private int port;

	@Autowired
	private SdkTracerProvider tracerProvider;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void exportToTheLocalReceiver(DynamicPropertyRegistry registry) {
		registry.add("cascade.endpoint", () -> receiver.endpoint("/v1/traces"));
		registry.add("cascade.api-key", () -> "csk-test-key");
		registry.add("cascade.export.schedule-delay", () -> "100ms");
		// The trace trees on the console would drown the log this test reads for errors.
		registry.add("cascade.console.enabled", () -> "false");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void healthIsUp() throws Exception {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.parseMap(response.body())).containsEntry("status", "UP");
	}

	@Test
	void prometheusScrapeShowsCascadeAndSpringAiMetersCountingEachLlmRequestOnce() throws Exception {
		List<String> before = scrape();
		assertThat(post("/api/chat", "prod-metrics", "{\"message\":\"Find me flights to Lisbon\"}").statusCode())
			.isEqualTo(200);
		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		List<String> after = scrape();

		// A turn makes three LLM requests: the planner's two through Spring AI (tool call, then answer), which
		// Spring AI times, and the executor's one through the raw SDK client, which only Cascade sees and times.
		assertThat(sum(after, "gen_ai_client_operation_seconds_count", "gen_ai_system=\"anthropic\"")
				- sum(before, "gen_ai_client_operation_seconds_count", "gen_ai_system=\"anthropic\""))
			.isEqualTo(2);
		assertThat(sum(after, "gen_ai_client_operation_duration_seconds_count", "gen_ai_provider_name=\"anthropic\"")
				- sum(before, "gen_ai_client_operation_duration_seconds_count", "gen_ai_provider_name=\"anthropic\""))
			.isEqualTo(1);
		assertThat(sum(after, "spring_ai_tool_seconds_count", "spring_ai_kind=\"tool_call\"")
				- sum(before, "spring_ai_tool_seconds_count", "spring_ai_kind=\"tool_call\""))
			.isEqualTo(1);
		// Cascade: the cost of both agents' calls, and the spans handed to its exporter.
		for (String agent : List.of("PlannerAgent", "ExecutorAgent")) {
			String tag = "cascade_agent_name=\"" + agent + "\"";
			assertThat(sum(after, "cascade_llm_cost_usd_total", tag)).as(agent)
				.isGreaterThan(sum(before, "cascade_llm_cost_usd_total", tag));
		}
		assertThat(after).anySatisfy((line) -> assertThat(line).startsWith("cascade_export_spans_total{outcome=\"exported\"}"));
	}

	@Test
	void aStreamedTurnReturnsTheWholeReplyAndIsOneTrace(CapturedOutput output) throws Exception {
		String session = "prod-stream-1";
		HttpResponse<String> response = post("/api/chat/stream", session,
				"{\"message\":\"Find me flights to Tokyo\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().firstValue("X-Cascade-Session-Id")).hasValue(session);

		List<Event> events = events(response.body());
		assertThat(events).extracting(Event::name).startsWith("turn").endsWith("done");
		List<String> pieces = events.stream()
			.filter((event) -> event.name().equals("text"))
			.map((event) -> event.text("text"))
			.toList();
		// Streamed in pieces as the model wrote them, and nothing lost on the way.
		assertThat(pieces).hasSizeGreaterThan(1);
		Event turn = events.get(0);
		Event done = events.get(events.size() - 1);
		String reply = done.text("reply");
		assertThat(String.join("", pieces)).isEqualTo(reply);
		// The emulator calls the planner's first tool, then answers with what it returned.
		Matcher toolInReply = Pattern.compile("^I checked with (search_flights|weather_forecast) and got: ").matcher(reply);
		assertThat(toolInReply.find()).as(reply).isTrue();
		String toolName = toolInReply.group(1);
		assertThat(done.text("sessionId")).isEqualTo(session);
		assertThat(turn.text("sessionId")).isEqualTo(session);
		String traceId = turn.text("traceId");
		assertThat(done.text("traceId")).isEqualTo(traceId);

		this.tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		receiver.awaitSpans((spans) -> spans.stream()
			.anyMatch((span) -> hex(span.getTraceId().toByteArray()).equals(traceId)
					&& span.getName().equals("http post /api/chat/stream")));
		List<Span> trace = receiver.spans()
			.stream()
			.filter((span) -> hex(span.getTraceId().toByteArray()).equals(traceId))
			.toList();
		Map<String, Span> byId = trace.stream()
			.collect(Collectors.toMap((span) -> hex(span.getSpanId().toByteArray()), Function.identity()));

		Span server = OtlpReceiver.span(trace, "http post /api/chat/stream");
		Span run = OtlpReceiver.span(trace, "ChatTurn");
		Span planner = OtlpReceiver.span(trace, "PlannerAgent");
		assertThat(server.getParentSpanId().isEmpty()).as("the request is the trace's root").isTrue();
		assertThat(run.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(attr(run, "cascade.session_id")).isEqualTo(session);
		assertThat(attr(run, "cascade.streamed")).isEqualTo("true");
		assertThat(planner.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(attr(planner, "cascade.span_type")).isEqualTo("agent");

		// The tool loop: a model request that asks for the tool, the tool, a model request that answers.
		List<Span> llm = ofType(trace, "llm");
		assertThat(llm).hasSize(2).allSatisfy((call) -> {
			assertThat(call.getParentSpanId()).isEqualTo(planner.getSpanId());
			assertThat(attr(call, "cascade.session_id")).isEqualTo(session);
		});
		assertThat(llm).anySatisfy((call) -> assertThat(attr(call, "llm.completion")).contains(reply));
		assertThat(ofType(trace, "tool")).singleElement().satisfies((tool) -> {
			assertThat(tool.getName()).contains(toolName);
			assertThat(ancestorNames(tool, byId)).contains("PlannerAgent", "ChatTurn", "http post /api/chat/stream");
			assertThat(attr(tool, "cascade.session_id")).isEqualTo(session);
		});
		assertThat(output).doesNotContain(" ERROR ").doesNotContain("Exception");
	}

	@Test
	void aStreamedTurnRefusesAnOversizedMessageBeforeStreaming(CapturedOutput output) throws Exception {
		HttpResponse<String> response = post("/api/chat/stream", "prod-stream-oversized",
				"{\"message\":\"" + "x".repeat(9000) + "\"}");
		assertThat(response.statusCode()).isEqualTo(413);
		// A client that accepts only server-sent events gets the refusal as one error event.
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(events(response.body())).singleElement().satisfies((event) -> {
			assertThat(event.name()).isEqualTo("error");
			assertThat(event.text("message"))
				.isEqualTo("message is 9000 characters long; at most 8000 are accepted");
		});
		assertThat(output).doesNotContain(" ERROR ").doesNotContain(" WARN ");
	}

	/** The samples of a Prometheus scrape (one line each, comments left out). */
	private List<String> scrape() throws Exception {
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		return response.body().lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).toList();
	}

	/** The sum of a metric's samples whose labels contain the given one. */
	private static double sum(List<String> samples, String metric, String label) {
		return samples.stream()
			.filter((line) -> line.startsWith(metric + "{") && line.contains(label))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
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
			.header("Accept", path.endsWith("/stream") ? "text/event-stream" : "application/json")
			.header("X-Cascade-Session-Id", session)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The events of a complete server-sent event stream (each: an {@code event:} and JSON {@code data:}). */
	private static List<Event> events(String body) {
		List<Event> events = new ArrayList<>();
		for (String block : body.split("\n\n")) {
			String name = "message";
			StringBuilder data = new StringBuilder();
			for (String line : block.lines().toList()) {
				if (line.startsWith("event:")) {
					name = line.substring("event:".length()).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring("data:".length()));
				}
			}
			if (!data.isEmpty()) {
				events.add(new Event(name, json.parseMap(data.toString())));
			}
		}
		return events;
	}

	private static List<Span> ofType(List<Span> spans, String type) {
		return spans.stream().filter((span) -> type.equals(attr(span, "cascade.span_type"))).toList();
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

	private static String attr(Span span, String key) {
		String value = OtlpReceiver.attribute(span.getAttributesList(), key);
		if (value == null || !value.isEmpty()) {
			return value;
		}
		// Not a string attribute: its value as text (a boolean, say).
		return span.getAttributesList()
			.stream()
			.filter((kv) -> kv.getKey().equals(key))
			.map((kv) -> kv.getValue().hasBoolValue() ? String.valueOf(kv.getValue().getBoolValue())
					: String.valueOf(kv.getValue().getIntValue()))
			.findFirst()
			.orElse(null);
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

	private record Event(String name, Map<String, Object> data) {

		/** A field of the event's data as text ({@code null} when absent). */
		String text(String key) {
			Object value = this.data.get(key);
			return (value != null) ? value.toString() : null;
		}

	}

}
