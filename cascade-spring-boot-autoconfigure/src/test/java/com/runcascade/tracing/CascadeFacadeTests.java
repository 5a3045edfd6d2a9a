package com.runcascade.tracing;

import java.util.List;
import java.util.Map;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.names;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
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

	@Test
	void stoppingTheContextUnbindsTheFacadeAndStartingItAgainRebindsIt() {
		InMemoryTracing.contextRunner().run((context) -> {
			CascadeTracer tracer = context.getBean(CascadeTracer.class);
			assertThat(Cascade.bound()).containsExactly(tracer);
			context.getSourceApplicationContext(GenericApplicationContext.class).stop();
			assertThat(Cascade.bound()).isEmpty();
			context.getSourceApplicationContext(GenericApplicationContext.class).start();
			assertThat(Cascade.bound()).containsExactly(tracer);
		});
		assertThat(Cascade.bound()).isEmpty();
	}

	@Test
	void aContextThatFailsAfterStartingLeavesTheFacadeUnbound() {
		FailingLifecycle failing = new FailingLifecycle();
		InMemoryTracing.contextRunner().withBean(FailingLifecycle.class, () -> failing).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(failing.boundWhenStarted).hasSize(1);
		});
		assertThat(Cascade.bound()).isEmpty();
	}

	@Test
	void severalTracerBeansWithoutAPrimaryLeaveTheFacadeUnboundAndTheApplicationRunning(CapturedOutput output) {
		InMemoryTracing.contextRunner()
			.withBean("oneTracer", CascadeTracer.class, () -> mock(CascadeTracer.class))
			.withBean("otherTracer", CascadeTracer.class, () -> mock(CascadeTracer.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(Cascade.bound()).isEmpty();
				assertThat(output).contains("no single CascadeTracer bean");
			});
	}

	/** Starts after the facade is bound, then fails the refresh. */
	static class FailingLifecycle implements SmartLifecycle {

		List<CascadeTracer> boundWhenStarted = List.of();

		@Override
		public void start() {
			this.boundWhenStarted = Cascade.bound();
			throw new IllegalStateException("failed to start");
		}

		@Override
		public void stop() {
		}

		@Override
		public boolean isRunning() {
			return false;
		}

	}

}
