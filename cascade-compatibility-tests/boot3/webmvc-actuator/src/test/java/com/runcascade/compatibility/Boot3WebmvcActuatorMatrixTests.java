package com.runcascade.compatibility;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import com.runcascade.emulator.OtlpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #19's application on Boot 3.5.7 and Spring AI 1.1.2: Spring MVC with the actuator, Spring
 * AI's OpenAI and Anthropic starters, a {@code ChatClient} with a tool called and streamed, and only
 * {@code cascade-spring-boot3-starter} with {@code cascade.project}. Besides the matrix's
 * assertions, which are the Boot 4 line's (the same trees, exported over OTLP to the loopback
 * receiver), the exported resource carries the project and the local viewer ({@code /cascade})
 * shows the traces the receiver got, span for span.
 */
class Boot3WebmvcActuatorMatrixTests extends CompatibilityMatrixTests {

	private static final String PROJECT = "boot3-weather";

	private static final Duration VIEWER_WAIT = Duration.ofSeconds(10);

	private static final ObjectMapper json = new ObjectMapper();

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBMVC_ACTUATOR)
			.map((cell) -> cell.with("cascade.project", PROJECT).with("cascade.viewer.enabled", "true"));
	}

	@Test
	void exportedResourcesCarryTheProject() {
		MatrixApp app = app();
		assertThat(app.get("/chat/Bergen", "session-project").statusCode()).isEqualTo(200);
		app.flushSpans();

		List<String> projects = app.receiver()
			.resourceSpans()
			.stream()
			.map(ResourceSpans::getResource)
			.map((resource) -> String
				.valueOf(OtlpReceiver.attribute(resource.getAttributesList(), "cascade.project")))
			.toList();

		assertThat(projects).as("cascade.project of the exported resources [%s]", this.cell)
			.isNotEmpty()
			.containsOnly(PROJECT);
	}

	@Test
	void theViewerShowsTheCallAndTheStreamAsExported() throws Exception {
		MatrixApp app = app();
		String session = "session-viewer";
		assertThat(app.get("/chat/Oslo", session).statusCode()).isEqualTo(200);
		assertThat(app.get("/chat/Oslo/stream", session).statusCode()).isEqualTo(200);

		JsonNode traces = awaitViewerTraces(app, session);

		assertThat(traces).as("the viewer's traces of session %s [%s]", session, this.cell).hasSize(2);
		Spans exported = new Spans(app.receiver().spans());
		String callTrace = Spans.traceId(exported.servers("/chat/Oslo").get(0));
		for (JsonNode trace : traces) {
			String traceId = trace.get("traceId").asText();
			List<Span> llm = exported.ofType("llm").stream().filter((span) -> Spans.traceId(span).equals(traceId)).toList();
			assertThat(trace.get("sessionId").asText()).isEqualTo(session);
			assertThat(trace.get("llmCalls").asInt()).as("LLM calls of trace %s", traceId).isEqualTo(llm.size());
			if (traceId.equals(callTrace)) {
				assertThat(llm).as("LLM spans of the call's trace %s", traceId).hasSize(2);
			}
			assertThat(trace.get("toolCalls").asInt()).as("tool calls of trace %s", traceId).isEqualTo(1);
			assertThat(trace.get("inputTokens").asLong()).as("input tokens of trace %s", traceId).isPositive();
			assertThat(viewerTree(app, traceId)).as("trace %s in the viewer and on the OTLP receiver [%s]", traceId,
					this.cell)
				.isEqualTo(exportedTree(app, traceId))
				.isNotEmpty();
		}
		assertThat(app.get("/cascade", null).statusCode()).isIn(200, 301, 302);
	}

	/** The viewer's traces of a session, once it has both requests' and the receiver has them too. */
	private static JsonNode awaitViewerTraces(MatrixApp app, String session) throws Exception {
		long deadline = System.nanoTime() + VIEWER_WAIT.toNanos();
		JsonNode traces = viewerTraces(app, session);
		while (!settled(app, traces) && System.nanoTime() < deadline) {
			Thread.sleep(50);
			traces = viewerTraces(app, session);
		}
		return traces;
	}

	private static boolean settled(MatrixApp app, JsonNode traces) throws Exception {
		if (traces.size() < 2) {
			return false;
		}
		for (JsonNode trace : traces) {
			String traceId = trace.get("traceId").asText();
			if (!viewerTree(app, traceId).equals(exportedTree(app, traceId))) {
				return false;
			}
		}
		return true;
	}

	private static JsonNode viewerTraces(MatrixApp app, String session) throws Exception {
		HttpResponse<String> response = app.get("/cascade/api/traces?session=" + session, null);
		assertThat(response.statusCode()).as("GET /cascade/api/traces").isEqualTo(200);
		return json.readTree(response.body()).get("traces");
	}

	/** A trace's spans in the viewer, each as "name span-id < parent-id". */
	private static Set<String> viewerTree(MatrixApp app, String traceId) throws Exception {
		HttpResponse<String> response = app.get("/cascade/api/traces/" + traceId, null);
		if (response.statusCode() != 200) {
			return Set.of();
		}
		List<String> spans = new ArrayList<>();
		for (JsonNode span : json.readTree(response.body()).get("spans")) {
			JsonNode parent = span.get("parentSpanId");
			spans.add(edge(span.get("name").asText(), span.get("spanId").asText(),
					(parent == null || parent.isNull()) ? "" : parent.asText()));
		}
		return Set.copyOf(spans);
	}

	/** The same trace's spans as the OTLP receiver got them. */
	private static Set<String> exportedTree(MatrixApp app, String traceId) {
		app.flushSpans();
		return app.receiver()
			.spans()
			.stream()
			.filter((span) -> Spans.traceId(span).equals(traceId))
			.map((span) -> edge(span.getName(), Spans.spanId(span), parentId(span)))
			.collect(Collectors.toSet());
	}

	private static String parentId(Span span) {
		return span.getParentSpanId().isEmpty() ? "" : Spans.hex(span.getParentSpanId().toByteArray());
	}

	private static String edge(String name, String spanId, String parentId) {
		return name + " " + spanId + " < " + parentId;
	}

}
