package com.runcascade.benchmarks;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

/**
 * Opening and closing runs and agents, in an application set up by the auto-configurations (see
 * {@link TracingFixture}) whose spans are dropped, against the same body run untraced. Also the static {@link Cascade} facade, bound to a tracer and unbound
 * (its no-op path before a Spring context exists).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class RunAgentBenchmark {

	/** The work inside a run: as little as possible, so the numbers are Cascade's own. */
	@State(Scope.Thread)
	public static class Body {

		long counter;

		long work() {
			return ++this.counter;
		}

	}

	/** The application's Cascade tracer, called directly (not through the facade). */
	@State(Scope.Benchmark)
	public static class Traced {

		TracingFixture tracing;

		CascadeTracer tracer;

		final Map<String, Object> metadata = Map.of("user_id", "u-1234", "tier", "gold");

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(true);
			this.tracer = this.tracing.tracer;
			try (CascadeScope run = this.tracer.traceRun("check")) {
				try (CascadeScope agent = this.tracer.traceAgent("checkAgent")) {
					agent.setAttribute("k", "v");
				}
			}
			if (this.tracing.spans.ended() != 2) {
				throw new IllegalStateException("Expected a run and an agent span");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	/** The facade bound to the application's tracer, as once the Spring context has started. */
	@State(Scope.Benchmark)
	public static class Bound {

		TracingFixture tracing;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(true);
			try (CascadeScope run = Cascade.traceRun("check")) {
				// nothing
			}
			if (this.tracing.spans.ended() != 1) {
				throw new IllegalStateException("The facade should be bound to the benchmark's tracer");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	/**
	 * The application started with {@code cascade.enabled=false}: its tracer is on a no-op
	 * OpenTelemetry and still bound to the facade.
	 */
	@State(Scope.Benchmark)
	public static class Disabled {

		TracingFixture tracing;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(true, (context) -> {
			}, "cascade.enabled=false");
			try (CascadeScope run = Cascade.traceRun("check")) {
				if (run.getClass().getSimpleName().equals("NoopScope")) {
					throw new IllegalStateException("The facade should be bound to the disabled tracer");
				}
			}
			if (this.tracing.spans.ended() != 0) {
				throw new IllegalStateException("A disabled tracer should record no span");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	/** No tracer bound to the facade: every call is a no-op. */
	@State(Scope.Benchmark)
	public static class Unbound {

		@Setup(Level.Trial)
		public void setUp() {
			// The first call logs a warning once; make it before measuring.
			try (CascadeScope run = Cascade.traceRun("check")) {
				if (!run.getClass().getSimpleName().equals("NoopScope")) {
					throw new IllegalStateException("No tracer should be bound to the facade");
				}
			}
		}

	}

	@Benchmark
	public long untraced(Body body) {
		return body.work();
	}

	@Benchmark
	public long traceRun(Traced traced, Body body) {
		try (CascadeScope run = traced.tracer.traceRun("Orchestrator")) {
			return body.work();
		}
	}

	@Benchmark
	public long traceAgent(Traced traced, Body body) {
		try (CascadeScope agent = traced.tracer.traceAgent("PlannerAgent")) {
			return body.work();
		}
	}

	@Benchmark
	public long traceRunAndAgent(Traced traced, Body body) {
		try (CascadeScope run = traced.tracer.traceRun("Orchestrator")) {
			try (CascadeScope agent = traced.tracer.traceAgent("PlannerAgent")) {
				return body.work();
			}
		}
	}

	@Benchmark
	public long traceRunWithMetadata(Traced traced, Body body) {
		try (CascadeScope run = traced.tracer.traceRun("Orchestrator", traced.metadata)) {
			return body.work();
		}
	}

	@Benchmark
	public Long traceRunCallable(Traced traced, Body body) throws Exception {
		Callable<Long> work = body::work;
		return traced.tracer.traceRun("Orchestrator", null, work);
	}

	@Benchmark
	public long facadeBoundRunAndAgent(Bound bound, Body body) {
		try (CascadeScope run = Cascade.traceRun("Orchestrator")) {
			try (CascadeScope agent = Cascade.traceAgent("PlannerAgent")) {
				return body.work();
			}
		}
	}

	@Benchmark
	public long facadeDisabledRunAndAgent(Disabled disabled, Body body) {
		try (CascadeScope run = Cascade.traceRun("Orchestrator")) {
			try (CascadeScope agent = Cascade.traceAgent("PlannerAgent")) {
				return body.work();
			}
		}
	}

	@Benchmark
	public long facadeUnboundRunAndAgent(Unbound unbound, Body body) {
		try (CascadeScope run = Cascade.traceRun("Orchestrator")) {
			try (CascadeScope agent = Cascade.traceAgent("PlannerAgent")) {
				return body.work();
			}
		}
	}

	/** The unbound facade from two threads at once: shows whether its no-op path shares state. */
	@Benchmark
	@Threads(2)
	public long facadeUnboundRunAndAgentTwoThreads(Unbound unbound, Body body) {
		try (CascadeScope run = Cascade.traceRun("Orchestrator")) {
			try (CascadeScope agent = Cascade.traceAgent("PlannerAgent")) {
				return body.work();
			}
		}
	}

	/** The untraced body from two threads at once: the baseline of the two-thread facade benchmark. */
	@Benchmark
	@Threads(2)
	public long untracedTwoThreads(Body body) {
		return body.work();
	}

}
