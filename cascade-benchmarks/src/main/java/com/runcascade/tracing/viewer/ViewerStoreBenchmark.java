package com.runcascade.tracing.viewer;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.runcascade.benchmarks.TracingFixture;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

/**
 * What the trace viewer's store adds per span: a run with an agent and an LLM span (prompt of about
 * 600 characters, model, tokens, cost), with and without {@link ViewerSpanStore} on the tracer
 * provider. Scores are per span ({@code @OperationsPerInvocation(3)}), so the store's cost is the
 * difference. The store has the default limits (500 traces, 32 MB) and is full after the warm-up, so
 * every run also evicts the oldest trace, as in a long-running application. The store is a
 * {@code SpanProcessor} bean of the benchmark's application, as the viewer's auto-configuration
 * makes it in a servlet application; in this package because the store is package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class ViewerStoreBenchmark {

	static final String PROMPT = "Find me two flights from New York to Tokyo next Friday, window seats, and tell me the "
		.repeat(7);

	/** A tracer provider with or without the viewer's store. */
	@State(Scope.Benchmark)
	public static class Pipeline {

		@Param({ "true", "false" })
		boolean store;

		ViewerSpanStore viewer;

		TracingFixture tracing;

		CascadeTracer tracer;

		Tracer otel;

		@Setup(Level.Trial)
		public void setUp() {
			this.viewer = new ViewerSpanStore(500, 32L * 1024 * 1024);
			this.tracing = new TracingFixture(true, (context) -> {
				if (this.store) {
					context.registerBean("cascadeViewerSpanStore", SpanProcessor.class, () -> this.viewer);
				}
			});
			this.tracer = this.tracing.tracer;
			this.otel = this.tracing.instrumentation.otelTracer();
			for (int i = 0; i < 600; i++) {
				run(this);
			}
			if (this.tracing.endedSpans() != 1800) {
				throw new IllegalStateException("Expected 1800 spans, got " + this.tracing.endedSpans());
			}
			if (this.store && (this.viewer.traceCount() != 500 || this.viewer.evictedTraces() != 100)) {
				throw new IllegalStateException("The store should hold 500 traces and have evicted 100, has "
						+ this.viewer.traceCount() + " and evicted " + this.viewer.evictedTraces());
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	static long run(Pipeline pipeline) {
		try (CascadeScope run = pipeline.tracer.traceRun("ChatTurn")) {
			try (CascadeScope agent = pipeline.tracer.traceAgent("PlannerAgent")) {
				Span llm = pipeline.otel.spanBuilder("llm.claude-sonnet-4")
					.setSpanKind(SpanKind.CLIENT)
					.setAttribute("cascade.span_type", "llm")
					.setAttribute("llm.model", "claude-sonnet-4")
					.setAttribute("llm.prompt", PROMPT)
					.setAttribute("llm.input_tokens", 120L)
					.setAttribute("llm.output_tokens", 45L)
					.setAttribute("llm.cost_usd", 0.001035)
					.startSpan();
				llm.end();
			}
		}
		return pipeline.tracing.endedSpans();
	}

	@Benchmark
	@OperationsPerInvocation(3)
	public long spansOfARun(Pipeline pipeline) {
		return run(pipeline);
	}

	@Benchmark
	@OperationsPerInvocation(3)
	@Threads(2)
	public long spansOfARunTwoThreads(Pipeline pipeline) {
		return run(pipeline);
	}

}
