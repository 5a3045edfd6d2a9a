package com.runcascade.tracing.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.viewer.ViewerSpanStore.StoredTrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ViewerSpanStoreTests {

	private final List<InMemoryTracing> applications = new ArrayList<>();

	@AfterEach
	void close() {
		this.applications.forEach(InMemoryTracing::close);
	}

	private CascadeTracer tracerFor(ViewerSpanStore store) {
		InMemoryTracing application = InMemoryTracing.start(
				(context) -> context.registerBean("viewerStore", SpanProcessor.class, () -> store),
				"cascade.max-attribute-length=100KB");
		this.applications.add(application);
		return application.tracer();
	}

	private static String run(CascadeTracer tracer, String name, String payload) {
		try (CascadeScope run = tracer.traceRun(name)) {
			try (CascadeScope agent = tracer.traceAgent("Agent")) {
				agent.setAttribute("payload", payload);
			}
			return Span.current().getSpanContext().getTraceId();
		}
	}

	@Test
	void keepsTheWholeTraceOfARunAndNothingOfTracesWithoutCascadeSpans() {
		ViewerSpanStore store = new ViewerSpanStore(10, 1_000_000);
		CascadeTracer tracer = tracerFor(store);
		Tracer plain = this.applications.get(0).openTelemetry().getTracer("test");
		Span request = plain.spanBuilder("http post /api/chat").startSpan();
		String traceId;
		try (Scope scope = request.makeCurrent()) {
			traceId = run(tracer, "ChatTurn", "x");
		}
		finally {
			request.end();
		}
		plain.spanBuilder("GET /cascade/api/sessions").startSpan().end();

		assertThat(store.traces()).singleElement().satisfies((trace) -> {
			assertThat(trace.traceId()).isEqualTo(traceId);
			assertThat(trace.spans()).extracting(SpanData::getName)
				.containsExactly("Agent", "ChatTurn", "http post /api/chat");
		});
		assertThat(store.storedBytes()).isEqualTo(recount(store));
	}

	@Test
	void recordsTheSessionOfTheTrace() {
		ViewerSpanStore store = new ViewerSpanStore(10, 1_000_000);
		CascadeTracer tracer = tracerFor(store);
		try (CascadeScope session = tracer.sessionScope("chat-7")) {
			run(tracer, "ChatTurn", "x");
		}
		assertThat(store.traces()).singleElement().extracting(StoredTrace::sessionId).isEqualTo("chat-7");
	}

	@Test
	void evictsTheOldestTraceBeyondTheTraceCount() {
		ViewerSpanStore store = new ViewerSpanStore(3, 1_000_000);
		CascadeTracer tracer = tracerFor(store);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(run(tracer, "run-" + i, "x"));
		}
		assertThat(store.traces()).extracting(StoredTrace::traceId).containsExactly(ids.get(4), ids.get(3), ids.get(2));
		assertThat(store.traceCount()).isEqualTo(3);
		assertThat(store.evictedTraces()).isEqualTo(2);
		assertThat(store.storedBytes()).isEqualTo(recount(store));
	}

	@Test
	void evictsTheOldestTracesBeyondTheByteBudget() {
		ViewerSpanStore store = new ViewerSpanStore(100, 64 * 1024);
		CascadeTracer tracer = tracerFor(store);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			// About 10 KB per trace: six fit in 64 KB.
			ids.add(run(tracer, "run-" + i, "a".repeat(5000)));
		}
		List<StoredTrace> kept = store.traces();
		assertThat(kept).hasSizeBetween(4, 6);
		assertThat(kept.get(0).traceId()).isEqualTo(ids.get(9));
		assertThat(kept).extracting(StoredTrace::traceId).doesNotContain(ids.get(0), ids.get(1), ids.get(2));
		assertThat(store.storedBytes()).isLessThanOrEqualTo(64 * 1024).isEqualTo(recount(store));
	}

	@Test
	void oneHugeTraceKeepsWithinHalfTheBudgetAndCountsWhatItDrops() {
		ViewerSpanStore store = new ViewerSpanStore(100, 64 * 1024);
		CascadeTracer tracer = tracerFor(store);
		String small = run(tracer, "small", "x");
		try (CascadeScope run = tracer.traceRun("huge")) {
			for (int i = 0; i < 20; i++) {
				run(tracer, "step-" + i, "b".repeat(2000));
			}
		}
		assertThat(store.traces()).extracting(StoredTrace::traceId).contains(small);
		assertThat(store.droppedSpans()).isPositive();
		assertThat(store.storedBytes()).isLessThanOrEqualTo(64 * 1024).isEqualTo(recount(store));
	}

	@Test
	void estimateGrowsWithTheCapturedContent() {
		ViewerSpanStore store = new ViewerSpanStore(10, 1_000_000);
		CascadeTracer tracer = tracerFor(store);
		run(tracer, "one", "x");
		run(tracer, "two", "y".repeat(10_001));
		List<StoredTrace> traces = store.traces();
		long longBytes = bytes(traces.get(0));
		long shortBytes = bytes(traces.get(1));
		// Two bytes per character of the 10,000 more characters.
		assertThat(longBytes - shortBytes).isEqualTo(20_000);
	}

	@Test
	void rejectsLimitsThatCannotHoldAnything() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ViewerSpanStore(0, 1_000_000))
			.withMessageContaining("cascade.viewer.max-traces");
		assertThatIllegalArgumentException().isThrownBy(() -> new ViewerSpanStore(10, 100))
			.withMessageContaining("cascade.viewer.max-bytes");
	}

	@Test
	void staysWithinItsByteBoundUnderConcurrentLoad() throws Exception {
		long maxBytes = 256 * 1024;
		ViewerSpanStore store = new ViewerSpanStore(1_000, maxBytes);
		CascadeTracer tracer = tracerFor(store);
		int threads = 8;
		// The largest span of the load: a payload of up to 3,000 characters, about 6 KB.
		long largestSpan = 8 * 1024;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean done = new AtomicBoolean();
		AtomicLong highest = new AtomicLong();
		try {
			Future<?> monitor = pool.submit(() -> {
				while (!done.get()) {
					highest.accumulateAndGet(store.storedBytes(), Math::max);
				}
			});
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int seed = t;
				writers.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 2_000; i++) {
						run(tracer, "run-" + seed + "-" + i, "z".repeat((seed * 977 + i * 131) % 3000));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> writer : writers) {
				writer.get(60, TimeUnit.SECONDS);
			}
			done.set(true);
			monitor.get(10, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(store.evictedTraces()).isGreaterThan(1_000);
		// While writers race, each may be one span ahead of the eviction that follows its add.
		assertThat(highest.get()).isLessThanOrEqualTo(maxBytes + threads * largestSpan);
		// At rest the bound holds exactly, and the counter matches what is really kept.
		assertThat(store.storedBytes()).isLessThanOrEqualTo(maxBytes).isEqualTo(recount(store));
		assertThat(store.traceCount()).isEqualTo(store.traces().size());
	}

	private static long recount(ViewerSpanStore store) {
		return store.traces().stream().mapToLong(ViewerSpanStoreTests::bytes).sum();
	}

	private static long bytes(StoredTrace trace) {
		return trace.spans().stream().mapToLong(ViewerSpanStore::estimateBytes).sum();
	}

}
