package com.runcascade.tracing;

import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.names;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

class CascadeFacadeTests {

	/** Contexts cached by other test classes (@SpringBootTest) stay open; set them aside here. */
	private List<CascadeTracer> openElsewhere = List.of();

	@BeforeEach
	void setAsideTracersOfOtherOpenContexts() {
		this.openElsewhere = Cascade.bound();
		this.openElsewhere.forEach(Cascade::unbind);
	}

	@AfterEach
	void restoreTracersOfOtherOpenContexts() {
		this.openElsewhere.forEach(Cascade::bind);
	}

	@Test
	void facadeIsASafeNoOpWithoutAContextAndStillRunsTheWork() throws Exception {
		try (CascadeScope run = Cascade.traceRun("NoContext")) {
			run.setAttribute("k", "v");
			run.recordError(new IllegalStateException("ignored"));
		}
		assertThat(Cascade.traceRun("NoContext", Map.of(), () -> 42)).isEqualTo(42);
		Cascade.setSessionId("s");
		assertThat(Cascade.currentSessionId()).isNull();
		Object client = new Object();
		assertThat(Cascade.wrapLlmClient(client)).isSameAs(client);
	}

	@Test
	void facadeDelegatesToTheTracerOfTheRunningContextAndUnbindsOnClose() {
		InMemoryTracing.contextRunner().run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			Cascade.setSessionId("facade-session");
			try (CascadeScope run = Cascade.traceRun("FacadeRun", Map.of("turn", 1))) {
				try (CascadeScope agent = Cascade.traceAgent("FacadeAgent")) {
					assertThat(Cascade.currentSessionId()).isEqualTo("facade-session");
				}
			}
			Cascade.endSession("facade-session");
			assertThat(attr(span(exporter, "FacadeRun"), "cascade.session_id")).isEqualTo("facade-session");
			assertThat(attr(span(exporter, "FacadeAgent"), "cascade.agent_name")).isEqualTo("FacadeAgent");
			assertThat(span(exporter, "cascade.session.end")).isNotNull();
		});
		try (CascadeScope run = Cascade.traceRun("AfterClose")) {
			assertThat(run).isSameAs(NoopScope.INSTANCE);
		}
	}

	@Test
	void closingASecondContextHandsTheFacadeBackToTheFirst() {
		InMemoryTracing.contextRunner().run((first) -> {
			InMemorySpanExporter firstSpans = first.getBean(InMemorySpanExporter.class);
			InMemoryTracing.contextRunner().run((second) -> {
				Cascade.traceRun("InSecond", Map.of(), () -> {
				});
				assertThat(names(second.getBean(InMemorySpanExporter.class))).containsExactly("InSecond");
			});
			Cascade.traceRun("InFirstAfterSecondClosed", Map.of(), () -> {
			});
			assertThat(names(firstSpans)).containsExactly("InFirstAfterSecondClosed");
		});
		try (CascadeScope run = Cascade.traceRun("AfterBothClosed")) {
			assertThat(run).isSameAs(NoopScope.INSTANCE);
		}
	}

	@Test
	void closingTheFirstContextKeepsTheFacadeOnTheSecond() {
		InMemoryTracing.contextRunner().run((first) -> {
			InMemoryTracing.contextRunner().run((second) -> {
				first.close();
				Cascade.traceRun("InSecondAfterFirstClosed", Map.of(), () -> {
				});
				assertThat(names(second.getBean(InMemorySpanExporter.class))).containsExactly("InSecondAfterFirstClosed");
			});
			try (CascadeScope run = Cascade.traceRun("AfterBothClosed")) {
				assertThat(run).isSameAs(NoopScope.INSTANCE);
			}
		});
	}

}
