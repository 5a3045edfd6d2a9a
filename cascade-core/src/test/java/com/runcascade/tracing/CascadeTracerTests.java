package com.runcascade.tracing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.support.LlmClientWrapper;

import static com.runcascade.tracing.CoreTracing.attr;
import static com.runcascade.tracing.CoreTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CascadeTracerTests {

	private CoreTracing tracing;

	private InMemorySpanExporter exporter;

	private CascadeTracer tracer;

	@BeforeEach
	void setUp() {
		this.tracing = CoreTracing.start();
		this.exporter = this.tracing.exporter;
		this.tracer = this.tracing.tracer();
	}

	@AfterEach
	void tearDown() {
		this.tracing.close();
	}

	@Test
	void runIsAFunctionSpanWithMetadataAndOkStatus() {
		try (CascadeScope run = this.tracer.traceRun("ChatTurn", Map.of("turn", 3, "channel", "web"))) {
			assertThat(Context.current()).isNotSameAs(Context.root());
		}
		SpanData run = span(this.exporter, "ChatTurn");
		assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(attr(run, "cascade.span_type")).isEqualTo("function");
		assertThat(attr(run, "cascade.turn")).isEqualTo("3");
		assertThat(attr(run, "cascade.channel")).isEqualTo("web");
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void runCallableReturnsTheResult() throws Exception {
		String result = this.tracer.traceRun("Run", null, () -> "done");
		assertThat(result).isEqualTo("done");
		assertThat(span(this.exporter, "Run").getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
	}

	@Test
	void runCallableRecordsTheErrorAndRethrowsItUnchanged() {
		IOException failure = new IOException("disk full");
		assertThatThrownBy(() -> this.tracer.traceRun("Run", null, () -> {
			throw failure;
		})).isSameAs(failure);
		SpanData run = span(this.exporter, "Run");
		assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(run.getEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
		assertThat(attr(run, "error.type")).isEqualTo("java.io.IOException");
	}

	@Test
	void runnableFormRecordsARuntimeErrorAndRethrowsIt() {
		IllegalStateException failure = new IllegalStateException("no");
		assertThatThrownBy(() -> this.tracer.traceAgent("Agent", null, (Runnable) () -> {
			throw failure;
		})).isSameAs(failure);
		assertThat(span(this.exporter, "Agent").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void agentSpanCarriesItsNameAndMetadataAndTagsEverySpanInsideWithTheInnermostAgent() {
		Tracer other = this.tracing.openTelemetry().getTracer("some.library");
		try (CascadeScope run = this.tracer.traceRun("Orchestrator")) {
			try (CascadeScope planner = this.tracer.traceAgent("PlannerAgent", Map.of("role", "plan"))) {
				other.spanBuilder("http.call").startSpan().end();
				try (CascadeScope inner = this.tracer.traceAgent("Researcher")) {
					assertThat(this.tracer.currentAgentName()).isEqualTo("Researcher");
					other.spanBuilder("search").startSpan().end();
				}
				assertThat(this.tracer.currentAgentName()).isEqualTo("PlannerAgent");
			}
			other.spanBuilder("outside").startSpan().end();
		}
		assertThat(this.tracer.currentAgentName()).isNull();
		SpanData planner = span(this.exporter, "PlannerAgent");
		assertThat(planner.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(attr(planner, "cascade.span_type")).isEqualTo("agent");
		assertThat(attr(planner, "cascade.agent_name")).isEqualTo("PlannerAgent");
		assertThat(attr(planner, "agent.role")).isEqualTo("plan");
		assertThat(attr(span(this.exporter, "http.call"), "cascade.agent_name")).isEqualTo("PlannerAgent");
		assertThat(attr(span(this.exporter, "Researcher"), "cascade.agent_name")).isEqualTo("Researcher");
		assertThat(attr(span(this.exporter, "search"), "cascade.agent_name")).isEqualTo("Researcher");
		assertThat(attr(span(this.exporter, "outside"), "cascade.agent_name")).isNull();
		assertThat(planner.getParentSpanId()).isEqualTo(span(this.exporter, "Orchestrator").getSpanId());
		assertThat(span(this.exporter, "search").getParentSpanId())
			.isEqualTo(span(this.exporter, "Researcher").getSpanId());
	}

	@Test
	void agentSpanCarriesTheGenAiAgentAttributesBesideCascadesOwn() {
		Tracer other = this.tracing.openTelemetry().getTracer("some.library");
		try (CascadeScope planner = this.tracer.traceAgent("PlannerAgent", Map.of("role", "plan"))) {
			other.spanBuilder("http.call").startSpan().end();
		}
		SpanData planner = span(this.exporter, "PlannerAgent");
		assertThat(attr(planner, "gen_ai.operation.name")).isEqualTo("invoke_agent");
		assertThat(attr(planner, "gen_ai.agent.name")).isEqualTo("PlannerAgent");
		assertThat(attr(planner, "cascade.span_type")).isEqualTo("agent");
		assertThat(attr(planner, "cascade.agent_name")).isEqualTo("PlannerAgent");
		// Spans inside the agent are not agent invocations themselves.
		SpanData inside = span(this.exporter, "http.call");
		assertThat(attr(inside, "gen_ai.operation.name")).isNull();
		assertThat(attr(inside, "gen_ai.agent.name")).isNull();
	}

	@Test
	void agentNameAndParentTravelWithTheContextToOtherThreads() throws Exception {
		ExecutorService pool = Context.taskWrapping(Executors.newFixedThreadPool(2));
		try (CascadeScope agent = this.tracer.traceAgent("ExecutorAgent")) {
			CompletableFuture.runAsync(() -> this.tracer.traceAgent("Worker", null, (Runnable) () -> {
			}), pool).get();
			CompletableFuture.runAsync(() -> this.tracing.openTelemetry().getTracer("x").spanBuilder("async.work").startSpan().end(), pool)
				.get();
		}
		finally {
			pool.shutdown();
		}
		SpanData agent = span(this.exporter, "ExecutorAgent");
		SpanData asyncWork = span(this.exporter, "async.work");
		assertThat(attr(asyncWork, "cascade.agent_name")).isEqualTo("ExecutorAgent");
		assertThat(asyncWork.getParentSpanId()).isEqualTo(agent.getSpanId());
		assertThat(span(this.exporter, "Worker").getParentSpanId()).isEqualTo(agent.getSpanId());
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void agentNameTravelsToVirtualThreads() throws Exception {
		ExecutorService virtualThreads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		ExecutorService pool = Context.taskWrapping(virtualThreads);
		try (CascadeScope agent = this.tracer.traceAgent("VirtualAgent")) {
			pool.submit(() -> this.tracing.openTelemetry().getTracer("x").spanBuilder("on.virtual").startSpan().end()).get();
		}
		finally {
			pool.shutdown();
		}
		assertThat(attr(span(this.exporter, "on.virtual"), "cascade.agent_name")).isEqualTo("VirtualAgent");
	}

	@Test
	void everySpanInASessionCarriesTheSessionUnderAllThreeNamesAndRunsInheritIt() {
		this.tracer.setSessionId("chat-42");
		try {
			assertThat(this.tracer.currentSessionId()).isEqualTo("chat-42");
			for (int turn = 0; turn < 2; turn++) {
				try (CascadeScope run = this.tracer.traceRun("ChatTurn", Map.of("turn", turn))) {
					try (CascadeScope agent = this.tracer.traceAgent("Assistant")) {
						this.tracing.openTelemetry().getTracer("x").spanBuilder("llm").startSpan().end();
					}
				}
			}
		}
		finally {
			this.tracer.endSession("chat-42");
		}
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(7).allSatisfy((span) -> {
			assertThat(attr(span, "cascade.session_id")).isEqualTo("chat-42");
			assertThat(attr(span, "session.id")).isEqualTo("chat-42");
			assertThat(attr(span, "gen_ai.conversation.id")).isEqualTo("chat-42");
		});
	}

	@Test
	void endSessionRecordsASessionEndSpanAndClearsTheSession() {
		this.tracer.setSessionId("s-1");
		this.tracer.endSession("s-1");
		assertThat(this.tracer.currentSessionId()).isNull();
		this.tracer.traceRun("After", null, (Runnable) () -> {
		});
		SpanData end = span(this.exporter, "cascade.session.end");
		assertThat(attr(end, "cascade.span_type")).isEqualTo("session_end");
		assertThat(attr(end, "cascade.session_id")).isEqualTo("s-1");
		assertThat(attr(span(this.exporter, "After"), "cascade.session_id")).isNull();
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void endingASessionSharedWithAnotherThreadClearsItThereToo() throws Exception {
		ExecutorService pool = Context.taskWrapping(Executors.newSingleThreadExecutor());
		try (CascadeScope session = this.tracer.sessionScope("shared")) {
			this.tracer.endSession("shared");
			String seenElsewhere = pool.submit(() -> String.valueOf(this.tracer.currentSessionId())).get();
			assertThat(seenElsewhere).isEqualTo("null");
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void settingANewSessionReplacesThePreviousOne() {
		this.tracer.setSessionId("first");
		this.tracer.setSessionId("second");
		assertThat(this.tracer.currentSessionId()).isEqualTo("second");
		this.tracer.endSession("second");
		assertThat(this.tracer.currentSessionId()).isNull();
		assertThat(Context.current()).isSameAs(Context.root());
	}

	@Test
	void sessionScopeRestoresThePreviousContextOnClose() {
		try (CascadeScope session = this.tracer.sessionScope("request-1")) {
			assertThat(this.tracer.currentSessionId()).isEqualTo("request-1");
		}
		assertThat(this.tracer.currentSessionId()).isNull();
	}

	@Test
	void blankNamesAndSessionIdsFallBackInsteadOfFailing() {
		this.tracer.setSessionId(" ");
		assertThat(this.tracer.currentSessionId()).isNull();
		try (CascadeScope run = this.tracer.traceRun("")) {
			run.setAttribute("k", "v");
		}
		assertThat(attr(span(this.exporter, "unnamed"), "k")).isEqualTo("v");
	}

	@Test
	void metadataValuesAreCutToTheAttributeLimit() {
		try (CoreTracing small = CoreTracing.start(ModelPricing.NONE, true, 10)) {
			small.tracer().traceRun("Run", Map.of("note", "x".repeat(50)), (Runnable) () -> {
			});
			assertThat(attr(span(small.exporter, "Run"), "cascade.note")).startsWith("xxxxxxxxxx...[truncated")
				.contains("original length 50");
		}
	}

	@Test
	void wrapLlmClientReturnsAnUnsupportedClientUnchanged() {
		Object client = new Object();
		assertThat(this.tracer.wrapLlmClient(client)).isSameAs(client);
	}

	@Test
	void wrapLlmClientUsesTheWrapperThatSupportsTheClient() {
		LlmClientWrapper wrapper = new LlmClientWrapper() {
			@Override
			public boolean supports(Object client) {
				return client instanceof StringBuilder;
			}

			@Override
			public Object wrap(Object client) {
				return new StringBuilder("wrapped:").append(client);
			}
		};
		try (CoreTracing withWrapper = CoreTracing.withWrapper(wrapper)) {
			assertThat(withWrapper.tracer().wrapLlmClient(new StringBuilder("c")).toString()).isEqualTo("wrapped:c");
		}
	}

}
