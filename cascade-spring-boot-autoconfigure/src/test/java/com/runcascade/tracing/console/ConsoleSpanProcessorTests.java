package com.runcascade.tracing.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSpanProcessorTests {

	private final List<String> printed = new CopyOnWriteArrayList<>();

	private final ConsoleSpanProcessor console = new ConsoleSpanProcessor(this.printed::add);

	private final TestClock clock = TestClock.create();

	private final InMemoryTracing tracing = InMemoryTracing.start((context) -> {
		context.registerBean("console", SpanProcessor.class, () -> this.console);
		BootLine.tracerClock(context, this.clock);
	});

	private final CascadeTracer tracer = this.tracing.tracer();

	@AfterEach
	void close() {
		this.tracing.close();
	}

	@Test
	void aFinishedRunIsPrintedOnceAsAnIndentedTree() {
		this.tracer.setSessionId("chat-1");
		try (CascadeScope run = this.tracer.traceRun("ChatTurn", Map.of("turn", 0))) {
			tick(1);
			try (CascadeScope planner = this.tracer.traceAgent("PlannerAgent")) {
				Span llm = this.tracing.openTelemetry().getTracer("test")
					.spanBuilder("llm.claude-sonnet-4")
					.setAttribute("cascade.span_type", "llm")
					.setAttribute("llm.input_tokens", 120L)
					.setAttribute("llm.output_tokens", 45L)
					.setAttribute("llm.cost_usd", 0.001035)
					.startSpan();
				tick(200);
				llm.end();
				Span tool = this.tracing.openTelemetry().getTracer("test")
					.spanBuilder("searchFlights")
					.setAttribute("cascade.span_type", "tool")
					.startSpan();
				try (Scope inTool = tool.makeCurrent()) {
					Span function = this.tracing.openTelemetry().getTracer("test")
						.spanBuilder("parse")
						.setAttribute("cascade.span_type", "function")
						.startSpan();
					tick(2);
					function.setStatus(StatusCode.ERROR, "IllegalStateException: bad data");
					function.end();
				}
				tick(3);
				tool.end();
			}
			try (CascadeScope executor = this.tracer.traceAgent("ExecutorAgent")) {
				tick(10);
			}
		}
		this.tracer.endSession("chat-1");
		this.console.forceFlush().join(10, TimeUnit.SECONDS);
		assertThat(this.printed).hasSize(2);
		String tree = this.printed.get(0);
		String traceId = tree.substring(tree.indexOf("(trace ") + 7, tree.indexOf(", session"));
		assertThat(tree).isEqualTo("""
				Cascade run ChatTurn (trace %s, session chat-1)
				[run] ChatTurn  216.0 ms
				├─ [agent] PlannerAgent  205.0 ms
				│  ├─ [llm] llm.claude-sonnet-4  200.0 ms  tokens 120 in / 45 out  $0.001035
				│  └─ [tool] searchFlights  5.0 ms
				│     └─ [function] parse  2.0 ms  ERROR IllegalStateException: bad data
				└─ [agent] ExecutorAgent  10.0 ms
				""".formatted(traceId));
		assertThat(this.printed.get(1)).contains("[session_end] cascade.session.end");
	}

	@Test
	void aRunKeepsAtMostItsSpanLimitAndIsStillPrinted() {
		try (CascadeScope run = this.tracer.traceRun("BigRun")) {
			for (int i = 0; i < ConsoleSpanProcessor.MAX_SPANS_PER_RUN + 50; i++) {
				this.tracing.openTelemetry().getTracer("test").spanBuilder("step-" + i).startSpan().end();
			}
		}
		this.console.forceFlush().join(5, TimeUnit.SECONDS);
		assertThat(this.printed).singleElement().satisfies((tree) -> {
			assertThat(tree).startsWith("Cascade run BigRun");
			assertThat(tree.lines().filter((line) -> line.contains("step-")).count())
				.isEqualTo(ConsoleSpanProcessor.MAX_SPANS_PER_RUN);
		});
	}

	@Test
	void runsBeyondTheOpenRunLimitAreNotTrackedAndTheOthersStillPrint() {
		List<CascadeScope> open = new java.util.ArrayList<>();
		for (int i = 0; i < ConsoleSpanProcessor.MAX_OPEN_RUNS + 3; i++) {
			// Unrelated runs open at once, as on many request threads: started from the root context.
			try (Scope root = io.opentelemetry.context.Context.root().makeCurrent()) {
				open.add(this.tracer.traceRun("Run-" + i));
			}
		}
		// Close in reverse: each scope restores what was current when it opened.
		for (int i = open.size() - 1; i >= 0; i--) {
			open.get(i).close();
		}
		// The printer's queue is bounded too (further trees are dropped), so wait for what it prints.
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !this.printed.isEmpty());
		assertThat(this.printed).hasSizeLessThanOrEqualTo(ConsoleSpanProcessor.MAX_OPEN_RUNS)
			.allSatisfy((tree) -> assertThat(tree).startsWith("Cascade run Run-"));
	}

	@Test
	void spansOutsideAnyCascadeSpanAreNotPrinted() {
		this.tracing.openTelemetry().getTracer("test").spanBuilder("GET /health").startSpan().end();
		this.console.forceFlush().join(10, TimeUnit.SECONDS);
		assertThat(this.printed).isEmpty();
	}

	@Test
	void isRegisteredOnlyWhenEnabled() {
		InMemoryTracing.contextRunner()
			.withConfiguration(AutoConfigurations.of(CascadeConsoleAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConsoleSpanProcessor.class));
		InMemoryTracing.contextRunner()
			.withConfiguration(AutoConfigurations.of(CascadeConsoleAutoConfiguration.class))
			.withPropertyValues("cascade.console.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ConsoleSpanProcessor.class));
	}

	@Test
	void aSecondShutdownAndAFlushAfterShutdownAnswerAtOnce() {
		this.tracer.traceRun("Run", null, (Runnable) () -> {
		});
		CompletableResultCode first = this.console.shutdown();
		assertThat(first.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
		assertThat(this.printed).hasSize(1);
		// Before the fix each of these waited 5 s for a marker the stopped printer never ran.
		CompletableResultCode second = this.console.shutdown();
		CompletableResultCode flush = this.console.forceFlush();
		assertThat(second.isDone()).isTrue();
		assertThat(flush.isDone()).isTrue();
		assertThat(flush.isSuccess()).isTrue();
	}

	@Test
	void aFlushWithAFullPrinterQueueFailsAtOnceInsteadOfWaiting() throws Exception {
		CountDownLatch printing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ConsoleSpanProcessor blocked = new ConsoleSpanProcessor((tree) -> {
			printing.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		try (InMemoryTracing app = InMemoryTracing
			.start((context) -> context.registerBean("console", SpanProcessor.class, () -> blocked))) {
			CascadeTracer tracer = app.tracer();
			tracer.traceRun("First", null, (Runnable) () -> {
			});
			printing.await();
			// The printer thread is stuck in the sink: fill its queue (64) and then some.
			for (int i = 0; i < 100; i++) {
				tracer.traceRun("Run" + i, null, (Runnable) () -> {
				});
			}
			CompletableResultCode flush = blocked.forceFlush();
			assertThat(flush.isDone()).isTrue();
			assertThat(flush.isSuccess()).isFalse();
			release.countDown();
		}
	}

	private void tick(long millis) {
		this.clock.advance(java.time.Duration.ofMillis(millis));
	}

}
