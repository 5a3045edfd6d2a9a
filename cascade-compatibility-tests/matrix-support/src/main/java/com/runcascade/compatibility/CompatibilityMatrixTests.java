package com.runcascade.compatibility;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.proto.trace.v1.Span;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.runcascade.emulator.ScriptedReply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The compatibility matrix: each module is a subclass that names its class path in a static
 * {@code cells()} method ({@link Cell#matrix} or {@link Cell#baseline}), and each cell is a real
 * application ({@link com.runcascade.compatibility.app.MatrixApplication}) started on a random
 * port with that class path, called over HTTP.
 *
 * <p>Every cell asserts that the application starts with a quiet log (no ERROR, no stack trace),
 * that the class path is the module's, and, for each request, with and without the session
 * header:
 * <ul>
 * <li>the request succeeds with the reply the baseline modules (the same application without the
 * Cascade starter) get, and the session header comes back;</li>
 * <li>nothing is logged at ERROR and no stack trace is printed while it runs;</li>
 * <li>with Cascade: the request is one trace on the OTLP receiver, holding the HTTP server span,
 * the run if it opens one, one LLM span per model request the emulator received and one tool span
 * per tool call, all below the server span (or the run); every span carries the session (the
 * header's, or for {@code MessageChatMemoryAdvisor} without a header the conversation id on the
 * LLM and tool spans), and no span carries one without; tokens are on the LLM spans only, and the
 * run's totals add them up once. A request without a session at sampling probability 0.1 is
 * recorded whole or not at all, except that a run is always recorded (as a trace of its own, linked
 * to the request, when the request was sampled out);</li>
 * <li>with a {@code MeterRegistry}: each model request adds one latency sample (Spring AI's
 * {@code gen_ai.client.operation} and Cascade's {@code gen_ai.client.operation.duration}
 * together) and its tokens and cost once, read from the registry and, with Prometheus, from a
 * scrape of {@code /actuator/prometheus}.</li>
 * </ul>
 *
 * <p>Both Boot lines run these tests; what a line names or expects differently (Spring AI 1.1's
 * token counter, a trace not checked there yet) is in its {@code BootLine}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("cells")
@ExtendWith(OutputCaptureExtension.class)
public abstract class CompatibilityMatrixTests {

	private static final List<String> CITIES = List.of("Oslo", "Bergen", "Lisbon", "Porto", "Madrid", "Seville",
			"Vienna", "Graz", "Dublin", "Cork", "Prague", "Brno", "Krakow", "Gdansk", "Tallinn", "Riga", "Vilnius",
			"Helsinki", "Turku", "Tampere", "Malmo", "Uppsala", "Aarhus", "Odense");

	/** Longest wait for a request's spans to reach the receiver. */
	private static final Duration SPAN_WAIT = Duration.ofSeconds(10);

	private static @Nullable MatrixApp app;

	private static String startupLog = "";

	private static int nextCity;

	@Parameter
	@SuppressWarnings("NullAway.Init") // injected by JUnit before any test runs
	Cell cell;

	@BeforeParameterizedClassInvocation
	static void startApplication(Cell cell, CapturedOutput output) {
		int from = output.getAll().length();
		nextCity = 0;
		app = MatrixApp.start(cell);
		startupLog = output.getAll().substring(from);
	}

	@AfterParameterizedClassInvocation
	static void stopApplication(Cell cell, CapturedOutput output) {
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
		List<String> problems = QuietLog.problems(output.getAll().substring(from));
		assertThat(problems).as("ERROR lines and stack traces logged while the application shut down:\n%s",
				QuietLog.describe(problems)).isEmpty();
	}

	static MatrixApp app() {
		if (app == null) {
			throw new IllegalStateException("The application is not running");
		}
		return app;
	}

	@Test
	void classPathIsTheModulesOwn() {
		assertThat(this.cell.classPath().deviations(getClass().getClassLoader())).isEmpty();
	}

	@Test
	void startsWithAQuietLog() {
		List<String> problems = QuietLog.problems(startupLog);
		assertThat(problems).as("ERROR lines and stack traces logged while the application started:\n%s",
				QuietLog.describe(problems)).isEmpty();
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void callWithAToolLoopOutsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.CALL, session, nextCity(), output);
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void streamWithAToolLoopOutsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.STREAM, session, nextCity(), output);
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void twoTurnsWithChatMemoryOutsideARun(boolean session, CapturedOutput output) {
		String first = nextCity();
		exchange(Endpoint.MEMORY, session, first, output);
		exchange(Endpoint.MEMORY, session, nextCity(), output, conversation(first));
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void callWithToolCallingAdvisorOutsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.TOOL_CALLING_ADVISOR, session, nextCity(), output);
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void entityOutsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.ENTITY, session, nextCity(), output);
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void callWithAToolLoopInsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.RUN_CALL, session, nextCity(), output);
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void streamWithAToolLoopInsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.RUN_STREAM, session, nextCity(), output);
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void rawSdkClientsInsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.RAW, session, nextCity(), output);
	}

	@ParameterizedTest(name = "session header {0}")
	@ValueSource(booleans = { false, true })
	void rawSdkStreamsInsideARun(boolean session, CapturedOutput output) {
		exchange(Endpoint.RAW_STREAM, session, nextCity(), output);
	}

	private static String nextCity() {
		return CITIES.get(nextCity++ % CITIES.size());
	}

	private static String conversation(String city) {
		return "conversation-" + city.toLowerCase();
	}

	private void exchange(Endpoint endpoint, boolean withSession, String city, CapturedOutput output) {
		exchange(endpoint, withSession, city, output, conversation(city));
	}

	private void exchange(Endpoint endpoint, boolean withSession, String city, CapturedOutput output,
			String conversation) {
		MatrixApp app = app();
		ClassPath classPath = this.cell.classPath();
		String session = withSession ? "session-" + city.toLowerCase() : null;
		String path = endpoint.path(city, conversation);
		int logFrom = output.getAll().length();
		app.flushSpans();
		int spansBefore = classPath.cascade() ? app.receiver().spans().size() : 0;
		int modelRequestsBefore = app.emulator.requests().size();
		Meters.Reading metersBefore = classPath.meterRegistry() ? Meters.read(app.context) : null;
		Meters.Reading scrapeBefore = classPath.prometheus() ? scrape(app) : null;
		if (endpoint == Endpoint.ENTITY) {
			app.emulator.enqueue(ScriptedReply.text(Endpoint.forecastJson(city)));
		}

		HttpResponse<String> response = app.get(path, session);

		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(response.statusCode()).as("status of GET %s [%s]", path, this.cell).isEqualTo(200);
		softly.assertThat(response.body())
			.as("body of GET %s [%s]", path, this.cell)
			.isEqualTo(ExpectedBodies.of(endpoint, city));
		if (session != null && classPath.cascade()) {
			softly.assertThat(response.headers().firstValue(MatrixApp.SESSION_HEADER))
				.as("session header returned by GET %s [%s]", path, this.cell)
				.hasValue(session);
		}
		int modelRequests = app.emulator.requests().size() - modelRequestsBefore;
		softly.assertThat(modelRequests).as("model requests the emulator received for GET %s [%s]", path, this.cell)
			.isEqualTo(endpoint.llmCalls());
		if (classPath.cascade()) {
			Spans spans = awaitSpans(app, spansBefore, endpoint, path, session != null);
			assertTrace(softly, endpoint, path, session, conversation, spans);
			List<Span> llm = spans.ofType("llm");
			if (metersBefore != null) {
				assertMeters(softly, "MeterRegistry", Meters.read(app.context).minus(metersBefore), endpoint,
						modelRequests, llm);
			}
			if (scrapeBefore != null) {
				assertMeters(softly, "/actuator/prometheus", scrape(app).minus(scrapeBefore), endpoint, modelRequests,
						llm);
			}
		}
		List<String> problems = QuietLog.problems(output.getAll().substring(logFrom));
		softly.assertThat(problems)
			.as("ERROR lines and stack traces logged during GET %s [%s]:\n%s", path, this.cell,
					QuietLog.describe(problems))
			.isEmpty();
		softly.assertAll();
	}

	/**
	 * The spans the receiver got since a request started. When the request must be recorded, waits
	 * for its server span (or its run): the server span ends last, so the request's other spans
	 * have ended by then. Then a moment longer, for any stray trace of the request to arrive too.
	 */
	private Spans awaitSpans(MatrixApp app, int from, Endpoint endpoint, String path, boolean session) {
		boolean mustRecord = this.cell.samplesEverything() || session;
		Predicate<Spans> ended = (spans) -> (!mustRecord || !spans.servers(path).isEmpty())
				&& (endpoint.run() == null || !spans.named(endpoint.run()).isEmpty());
		long deadline = System.nanoTime() + SPAN_WAIT.toNanos();
		Spans spans = window(app, from);
		while (!ended.test(spans) && System.nanoTime() < deadline) {
			sleep(50);
			spans = window(app, from);
		}
		sleep(100);
		return window(app, from);
	}

	private static Spans window(MatrixApp app, int from) {
		app.flushSpans();
		List<Span> received = app.receiver().spans();
		return new Spans(received.subList(from, received.size()));
	}

	private void assertTrace(SoftAssertions softly, Endpoint endpoint, String path, @Nullable String session,
			String conversation, Spans spans) {
		String trees = spans.describe();
		boolean mustRecord = this.cell.samplesEverything() || session != null;
		if (!mustRecord && endpoint.run() == null && spans.isEmpty()) {
			return; // sampled out, and nothing of it recorded: as it should be
		}
		List<Span> servers = spans.servers(path);
		List<Span> llm = spans.ofType("llm");
		List<Span> tools = spans.ofType("tool");
		List<Span> runs = (endpoint.run() != null) ? spans.named(endpoint.run()) : List.of();
		String what = "GET " + path + ((session != null) ? " with" : " without") + " session header [" + this.cell
				+ "]";
		softly.assertThat(Spans.names(llm)).as("LLM spans of %s (one per model request)\n%s", what, trees)
			.hasSize(endpoint.llmCalls());
		softly.assertThat(Spans.names(tools)).as("tool spans of %s (one per tool call)\n%s", what, trees)
			.hasSize(endpoint.toolCalls());
		softly.assertThat(Spans.names(runs))
			.as("run spans of %s\n%s", what, trees)
			.hasSize((endpoint.run() != null) ? 1 : 0);
		if (mustRecord) {
			softly.assertThat(Spans.names(servers)).as("HTTP server span of %s\n%s", what, trees).hasSize(1);
		}
		softly.assertThat(spans.traceIds()).as("traces of %s: one holds the whole request\n%s", what, trees).hasSize(1);
		Span root = !servers.isEmpty() ? servers.get(0) : (!runs.isEmpty() ? runs.get(0) : null);
		if (root != null) {
			softly.assertThat(Spans.names(spans.roots())).as("root spans of %s\n%s", what, trees)
				.containsExactly(root.getName());
		}
		if (servers.isEmpty() && runs.size() == 1) {
			softly.assertThat(runs.get(0).getLinksCount())
				.as("links of the run of %s, whose request was sampled out\n%s", what, trees)
				.isEqualTo(1);
		}
		Span top = !runs.isEmpty() ? runs.get(0) : (!servers.isEmpty() ? servers.get(0) : null);
		if (top != null) {
			for (Span span : concat(llm, tools)) {
				softly.assertThat(spans.descendsFrom(span, top))
					.as("%s below %s in %s\n%s", span.getName(), top.getName(), what, trees)
					.isTrue();
			}
			if (!runs.isEmpty() && !servers.isEmpty()) {
				softly.assertThat(spans.parent(runs.get(0))).as("parent of the run of %s\n%s", what, trees)
					.isSameAs(servers.get(0));
			}
		}
		assertSessions(softly, endpoint, session, conversation, spans, what, trees);
		assertTokens(softly, llm, tools, runs, spans, what, trees);
	}

	private static void assertSessions(SoftAssertions softly, Endpoint endpoint, @Nullable String session,
			String conversation, Spans spans, String what, String trees) {
		for (Span span : spans.all) {
			String expected = session;
			if (session == null && endpoint == Endpoint.MEMORY) {
				// The conversation id is the session of the ChatClient call's spans, not of the request's.
				String type = Spans.string(span, Spans.TYPE);
				expected = ("llm".equals(type) || "tool".equals(type)) ? conversation : null;
				if (expected == null) {
					continue;
				}
			}
			softly.assertThat(Spans.string(span, Spans.SESSION))
				.as("%s of span %s in %s\n%s", Spans.SESSION, span.getName(), what, trees)
				.isEqualTo(expected);
		}
	}

	private static void assertTokens(SoftAssertions softly, List<Span> llm, List<Span> tools, List<Span> runs,
			Spans spans, String what, String trees) {
		for (Span span : llm) {
			Long input = Spans.number(span, "llm.input_tokens");
			softly.assertThat(input).as("llm.input_tokens of %s in %s", span.getName(), what).isNotNull().isPositive();
			softly.assertThat(Spans.number(span, "llm.output_tokens"))
				.as("llm.output_tokens of %s in %s", span.getName(), what)
				.isNotNull()
				.isPositive();
			softly.assertThat(Spans.number(span, "gen_ai.usage.input_tokens"))
				.as("gen_ai.usage.input_tokens of %s in %s", span.getName(), what)
				.isEqualTo(input);
		}
		List<String> usageCarriers = spans.all.stream()
			.filter((span) -> Spans.value(span, "gen_ai.usage.input_tokens").isPresent())
			.map(Span::getName)
			.toList();
		softly.assertThat(usageCarriers).as("spans carrying gen_ai.usage.input_tokens in %s (the LLM spans, once)\n%s",
				what, trees).containsExactlyInAnyOrderElementsOf(Spans.names(llm));
		for (Span run : runs) {
			softly.assertThat(Spans.number(run, "cascade.usage.llm_calls")).as("cascade.usage.llm_calls of %s", what)
				.isEqualTo((long) llm.size());
			Long toolCalls = Spans.number(run, "cascade.usage.tool_calls");
			softly.assertThat((toolCalls != null) ? toolCalls : 0L).as("cascade.usage.tool_calls of %s", what)
				.isEqualTo((long) tools.size());
			softly.assertThat(Spans.number(run, "cascade.usage.input_tokens"))
				.as("cascade.usage.input_tokens of %s", what)
				.isEqualTo(Spans.sum(llm, "llm.input_tokens"));
			softly.assertThat(Spans.number(run, "cascade.usage.output_tokens"))
				.as("cascade.usage.output_tokens of %s", what)
				.isEqualTo(Spans.sum(llm, "llm.output_tokens"));
		}
	}

	private static void assertMeters(SoftAssertions softly, String source, Meters.Reading delta, Endpoint endpoint,
			int modelRequests, List<Span> llm) {
		softly.assertThat(delta.latencySamples())
			.as("LLM latency samples added in %s (one per model request)\n%s", source, delta.meters())
			.isEqualTo(modelRequests);
		if (llm.size() == modelRequests) {
			softly.assertThat(delta.inputTokens())
				.as("input tokens added in %s (once per model request)\n%s", source, delta.meters())
				.isEqualTo((double) BootLine.meteredTokens(endpoint, llm, "llm.input_tokens"));
			softly.assertThat(delta.outputTokens())
				.as("output tokens added in %s (once per model request)\n%s", source, delta.meters())
				.isEqualTo((double) BootLine.meteredTokens(endpoint, llm, "llm.output_tokens"));
			softly.assertThat(delta.cost())
				.as("cascade.llm.cost added in %s (once per model request)\n%s", source, delta.meters())
				.isCloseTo(Spans.sumDecimal(llm, "llm.cost_usd"), within(1e-9));
		}
		else {
			// Sampled out: no span says how many tokens, but they are metered all the same.
			softly.assertThat(delta.inputTokens()).as("input tokens added in %s\n%s", source, delta.meters())
				.isPositive();
		}
	}

	private static Meters.Reading scrape(MatrixApp app) {
		HttpResponse<String> response = app.get("/actuator/prometheus", null);
		assertThat(response.statusCode()).as("status of GET /actuator/prometheus").isEqualTo(200);
		return Meters.readPrometheus(response.body());
	}

	private static List<Span> concat(List<Span> first, List<Span> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
