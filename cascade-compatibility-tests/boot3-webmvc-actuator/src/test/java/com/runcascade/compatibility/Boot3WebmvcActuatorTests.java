package com.runcascade.compatibility;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.runcascade.emulator.OtlpReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A Spring Boot 3.5 Spring MVC application with the actuator and only
 * {@code cascade-spring-boot3-starter}, started for real with SpringApplication, called over HTTP:
 * its reply, the trace tree on the OTLP receiver, the viewer, the health endpoint and its log.
 */
@ExtendWith(OutputCaptureExtension.class)
class Boot3WebmvcActuatorTests {

	private static final Duration SPAN_WAIT = Duration.ofSeconds(10);

	private static final ObjectMapper json = new ObjectMapper();

	private static @Nullable Boot3App app;

	private static String startupLog = "";

	@BeforeAll
	static void startApplication(CapturedOutput output) {
		int from = output.getAll().length();
		app = Boot3App.start(Map.of());
		startupLog = output.getAll().substring(from);
	}

	@AfterAll
	static void stopApplication(CapturedOutput output) {
		if (app == null) {
			return;
		}
		int from = output.getAll().length();
		try {
			app.close();
		}
		finally {
			app = null;
		}
		List<String> problems = Boot3App.logProblems(output.getAll().substring(from));
		assertThat(problems).as("problems logged while the application shut down:\n%s", String.join("\n", problems))
			.isEmpty();
	}

	private static Boot3App app() {
		if (app == null) {
			throw new IllegalStateException("The application is not running");
		}
		return app;
	}

	@Test
	void runsOnSpringBoot35() {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
	}

	@Test
	void startsWithoutErrorsStackTracesOrTracingWarnings() {
		List<String> problems = Boot3App.logProblems(startupLog);
		assertThat(problems).as("problems logged while the application started:\n%s", String.join("\n", problems))
			.isEmpty();
		assertThat(startupLog).contains("Cascade exports spans to " + app().receiver.endpoint("/v1/traces"));
	}

	@Test
	void aRequestIsOneTraceOfRunAgentToolAndLlmSpansWithTheSession(CapturedOutput output) throws Exception {
		Boot3App app = app();
		String session = "session-oslo";
		String path = "/weather/Oslo";
		int logFrom = output.getAll().length();
		app.flushSpans();
		int spansBefore = app.receiver.spans().size();
		int modelRequestsBefore = app.emulator.requests().size();

		HttpResponse<String> response = app.get(path, session);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(Boot3App.expectedReply("Oslo"));
		assertThat(response.headers().firstValue(Boot3App.SESSION_HEADER)).hasValue(session);
		assertThat(app.emulator.requests().size() - modelRequestsBefore).as("model requests").isEqualTo(4);

		Spans spans = awaitRun(app, spansBefore, path);
		String trees = spans.describe();
		List<Span> servers = spans.servers(path);
		assertThat(servers).as("HTTP server span\n%s", trees).hasSize(1);
		assertThat(spans.traceIds()).as("traces of the request\n%s", trees).hasSize(1);
		assertThat(spans.roots()).as("roots\n%s", trees).containsExactly(servers.get(0));

		Span run = single(spans.named("WeatherRun"), "run", trees);
		Span agent = single(spans.ofType("agent"), "agent", trees);
		Span tool = single(spans.ofType("tool"), "tool", trees);
		List<Span> llm = spans.ofType("llm");
		assertThat(Spans.string(run, Spans.TYPE)).as("type of the run").isEqualTo("function");
		assertThat(spans.parent(run)).as("parent of the run\n%s", trees).isSameAs(servers.get(0));
		assertThat(agent.getName()).isEqualTo("WeatherAgent");
		assertThat(spans.parent(agent)).as("parent of the agent\n%s", trees).isSameAs(run);
		assertThat(tool.getName()).isEqualTo("currentWeather");
		assertThat(spans.parent(tool)).as("parent of the tool\n%s", trees).isSameAs(agent);
		assertThat(Spans.string(tool, "tool.input")).contains("Oslo");
		assertThat(Spans.string(tool, "tool.output")).contains("18°C and sunny in Oslo");
		assertThat(Spans.string(tool, "tool.description")).isEqualTo("The current weather in a city");

		assertThat(llm).as("LLM spans, one per model request\n%s", trees).hasSize(4);
		assertThat(llm).extracting((span) -> Spans.string(span, "llm.model"))
			.containsExactlyInAnyOrder("claude-sonnet-4-5", "claude-sonnet-4-5", "gpt-4o-mini", "gpt-4o-mini");
		for (Span span : llm) {
			assertThat(spans.parent(span)).as("parent of %s\n%s", span.getName(), trees).isSameAs(agent);
			assertThat(Spans.number(span, "llm.input_tokens")).as("input tokens of %s", span.getName()).isPositive();
			assertThat(Spans.number(span, "llm.output_tokens")).as("output tokens of %s", span.getName()).isPositive();
			assertThat(Spans.decimal(span, "llm.cost_usd")).as("cost of %s", span.getName()).isPositive();
			assertThat(Spans.string(span, "cascade.agent_name")).isEqualTo("WeatherAgent");
		}
		assertThat(Spans.number(run, "cascade.usage.llm_calls")).isEqualTo(4L);
		assertThat(Spans.number(run, "cascade.usage.tool_calls")).isEqualTo(1L);
		assertThat(Spans.number(run, "cascade.usage.input_tokens")).isEqualTo(Spans.sum(llm, "llm.input_tokens"));
		assertThat(Spans.number(run, "cascade.usage.output_tokens")).isEqualTo(Spans.sum(llm, "llm.output_tokens"));
		assertThat(Spans.decimal(run, "cascade.usage.cost_usd")).isCloseTo(Spans.sumDecimal(llm, "llm.cost_usd"),
				within(1e-9));

		assertThat(spans.all).as("spans carrying the session\n%s", trees)
			.allSatisfy((span) -> assertThat(Spans.string(span, Spans.SESSION)).as(span.getName()).isEqualTo(session));
		assertThat(projects(app.receiver)).containsOnly(Boot3App.PROJECT);

		List<String> problems = Boot3App.logProblems(output.getAll().substring(logFrom));
		assertThat(problems).as("problems logged during GET %s:\n%s", path, String.join("\n", problems)).isEmpty();
	}

	@Test
	void theViewerListsTheRun() throws Exception {
		Boot3App app = app();
		String session = "session-bergen";
		assertThat(app.get("/weather/Bergen", session).statusCode()).isEqualTo(200);
		app.flushSpans();

		HttpResponse<String> response = app.get("/cascade/api/traces?session=" + session, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode traces = json.readTree(response.body()).get("traces");
		assertThat(traces).as(response.body()).hasSize(1);
		JsonNode trace = traces.get(0);
		assertThat(trace.get("name").asText()).isEqualTo("WeatherRun");
		assertThat(trace.get("sessionId").asText()).isEqualTo(session);
		assertThat(trace.get("llmCalls").asInt()).isEqualTo(4);
		assertThat(trace.get("toolCalls").asInt()).isEqualTo(1);
		assertThat(trace.get("inputTokens").asLong()).isPositive();
		assertThat(trace.get("costUsd").asDouble()).isPositive();
		assertThat(trace.get("agents")).extracting(JsonNode::asText).containsExactly("WeatherAgent");
		assertThat(trace.get("complete").asBoolean()).isTrue();
		assertThat(app.get("/cascade", null).statusCode()).isIn(200, 301, 302);
	}

	@Test
	void actuatorHealthIsUpWithTheCascadeIndicator() throws Exception {
		HttpResponse<String> response = app().get("/actuator/health", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = json.readTree(response.body());
		assertThat(health.get("status").asText()).isEqualTo("UP");
		assertThat(health.at("/components/cascade/status").asText()).as(response.body()).isEqualTo("UP");
	}

	private static Span single(List<Span> spans, String type, String trees) {
		assertThat(spans).as("%s spans\n%s", type, trees).hasSize(1);
		return spans.get(0);
	}

	/** The spans received since {@code from}, once the request's run and server span have arrived. */
	private static Spans awaitRun(Boot3App app, int from, String path) throws InterruptedException {
		long deadline = System.nanoTime() + SPAN_WAIT.toNanos();
		Spans spans = window(app, from);
		while ((spans.servers(path).isEmpty() || spans.named("WeatherRun").isEmpty())
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
			spans = window(app, from);
		}
		Thread.sleep(100);
		return window(app, from);
	}

	private static Spans window(Boot3App app, int from) {
		app.flushSpans();
		List<Span> received = app.receiver.spans();
		return new Spans(received.subList(from, received.size()));
	}

	private static List<String> projects(OtlpReceiver receiver) {
		return receiver.resourceSpans()
			.stream()
			.map(ResourceSpans::getResource)
			.map((resource) -> OtlpReceiver.attribute(resource.getAttributesList(), "cascade.project"))
			.map(String::valueOf)
			.toList();
	}

}
