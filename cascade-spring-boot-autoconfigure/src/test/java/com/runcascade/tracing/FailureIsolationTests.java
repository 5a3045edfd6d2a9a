package com.runcascade.tracing;

import java.util.List;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.support.CascadeScopeHook;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures of the tracing machinery itself (a span processor or a scope hook that throws) and a
 * traced result consumed twice never reach the traced code.
 */
class FailureIsolationTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner()
		.withBean(EchoTools.class);

	@Test
	void aSpanProcessorThatThrowsLeavesRunsAgentsAndToolsWorking() {
		this.contextRunner.withBean("throwingProcessor", SpanProcessor.class, ThrowingSpanProcessor::new)
			.run((context) -> {
				CascadeTracer tracer = context.getBean(CascadeTracer.class);
				EchoTools tools = context.getBean(EchoTools.class);
				String result = tracer.traceRun("Run", null,
						() -> tracer.traceAgent("Agent", null, () -> tools.echo("hello")));
				assertThat(result).isEqualTo("hello");
			});
	}

	@Test
	void aScopeHookThatThrowsLeavesTheRunRecordedAndTheWorkRunning() {
		CascadeScopeHook failing = (context) -> {
			throw new IllegalStateException("hook failed");
		};
		this.contextRunner.withBean(CascadeScopeHook.class, () -> failing).run((context) -> {
			CascadeTracer tracer = context.getBean(CascadeTracer.class);
			EchoTools tools = context.getBean(EchoTools.class);
			try (CascadeScope run = tracer.traceRun("Run"); CascadeScope agent = tracer.traceAgent("Agent")) {
				assertThat(tools.echo("hi")).isEqualTo("hi");
				assertThat(Context.current()).isNotSameAs(Context.root());
			}
			assertThat(Context.current()).isSameAs(Context.root());
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(InMemoryTracing.names(exporter)).containsExactlyInAnyOrder("echo", "Agent", "Run");
			assertThat(attr(InMemoryTracing.span(exporter, "echo"), "cascade.agent_name")).isEqualTo("Agent");
		});
	}

	@Test
	void aTracedFluxSubscribedTwiceGivesBothSubscribersEverythingAndEndsItsSpanOnce() {
		this.contextRunner.run((context) -> {
			Flux<String> words = context.getBean(EchoTools.class).words();
			assertThat(words.collectList().block()).containsExactly("a", "b", "c");
			assertThat(words.collectList().block()).containsExactly("a", "b", "c");
			List<io.opentelemetry.sdk.trace.data.SpanData> spans = context.getBean(InMemorySpanExporter.class)
				.getFinishedSpanItems();
			assertThat(spans).filteredOn((span) -> span.getName().equals("words"))
				.singleElement()
				.satisfies((span) -> assertThat(attr(span, "tool.output")).isEqualTo("[\"a\",\"b\",\"c\"]"));
		});
	}

	static class EchoTools {

		@Tool
		public String echo(String value) {
			return value;
		}

		@Tool
		public Flux<String> words() {
			return Flux.just("a", "b", "c");
		}

	}

	/** A broken span processor: throws from every callback. */
	static class ThrowingSpanProcessor implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
			throw new IllegalStateException("processor failed on start");
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			throw new IllegalStateException("processor failed on end");
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
