package com.runcascade.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.json.JsonMapper;

/**
 * The floor under {@link ToolAspectBenchmark#smallArgsTraced}: the same tool call traced by hand
 * with the raw OpenTelemetry API on the same SDK and span processors, and Jackson writing the same
 * arguments and result. {@code captureOn} records the same attributes as the traced call with
 * content on; {@code captureOff} the span alone, as with {@code cascade.capture-content=false}.
 * Cascade's overhead is the ratio of {@code smallArgsTraced} to these.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class FloorBenchmark {

	private static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey("cascade.span_type");

	private static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("tool.name");

	private static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("tool.description");

	private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

	private static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

	private static final AttributeKey<String> TOOL_INPUT = AttributeKey.stringKey("tool.input");

	private static final AttributeKey<String> TOOL_OUTPUT = AttributeKey.stringKey("tool.output");

	private static final AttributeKey<Double> TOOL_DURATION = AttributeKey.doubleKey("tool.duration_ms");

	/** The SDK, processors and tool of the traced benchmark; Jackson as it comes. */
	@State(org.openjdk.jmh.annotations.Scope.Benchmark)
	public static class Floor {

		TracingFixture tracing;

		Tracer tracer;

		final JsonMapper mapper = JsonMapper.builder().build();

		final FlightTools tools = new FlightTools();

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(true);
			this.tracer = this.tracing.openTelemetry.getTracer("floor");
			searchFlights(this, new ToolAspectBenchmark.Arguments(), true);
			this.tracing.expectLastSpan("searchFlights", "tool.input", true);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	@Benchmark
	public List<String> captureOn(Floor floor, ToolAspectBenchmark.Arguments arguments) {
		return searchFlights(floor, arguments, true);
	}

	@Benchmark
	public List<String> captureOff(Floor floor, ToolAspectBenchmark.Arguments arguments) {
		return searchFlights(floor, arguments, false);
	}

	static List<String> searchFlights(Floor floor, ToolAspectBenchmark.Arguments arguments, boolean capture) {
		var builder = floor.tracer.spanBuilder("searchFlights")
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(SPAN_TYPE, "tool")
			.setAttribute(TOOL_NAME, "searchFlights")
			.setAttribute(TOOL_DESCRIPTION, "Search available flights.")
			.setAttribute(OPERATION, "execute_tool")
			.setAttribute(GEN_AI_TOOL_NAME, "searchFlights");
		if (capture) {
			Map<String, Object> input = new LinkedHashMap<>(4);
			input.put("origin", arguments.origin);
			input.put("destination", arguments.destination);
			input.put("limit", arguments.limit);
			builder.setAttribute(TOOL_INPUT, floor.mapper.writeValueAsString(input));
		}
		Span span = builder.startSpan();
		long start = System.nanoTime();
		List<String> result;
		try (Scope ignored = Context.current().with(span).makeCurrent()) {
			result = floor.tools.searchFlights(arguments.origin, arguments.destination, arguments.limit);
		}
		if (capture) {
			span.setAttribute(TOOL_OUTPUT, floor.mapper.writeValueAsString(result));
		}
		span.setStatus(StatusCode.OK);
		span.setAttribute(TOOL_DURATION, (System.nanoTime() - start) / 1_000_000.0);
		span.end();
		return result;
	}

}
