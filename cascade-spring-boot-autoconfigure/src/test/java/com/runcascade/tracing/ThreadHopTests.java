package com.runcascade.tracing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work handed to threads the application manages itself: {@link Cascade#wrap} and
 * {@link Cascade#withContext} keep it in the run; without them it escapes, and Cascade says so
 * once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadHopTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner()
		.withBean(LookupTools.class);

	@AfterEach
	void stopPool() {
		this.pool.shutdownNow();
	}

	@Test
	void aWrappedExecutorRunsTasksInTheRunAndAgentOfTheSubmitter() {
		this.contextRunner.run((context) -> {
			LookupTools tools = context.getBean(LookupTools.class);
			ExecutorService wrapped = Cascade.wrap(this.pool);
			try (CascadeScope run = Cascade.traceRun("Run"); CascadeScope agent = Cascade.traceAgent("Agent")) {
				List<String> results = List.of(wrapped.submit(() -> tools.lookup("a")).get(),
						wrapped.submit(() -> tools.lookup("b")).get());
				assertThat(results).containsExactly("A", "B");
			}
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SpanData agent = span(exporter, "Agent");
			assertThat(exporter.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("lookup"))
				.hasSize(2)
				.allSatisfy((tool) -> {
					assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
					assertThat(attr(tool, "cascade.agent_name")).isEqualTo("Agent");
				});
			assertThat(span(exporter, "Run").getAttributes().get(CascadeAttributes.USAGE_TOOL_CALLS)).isEqualTo(2);
		});
	}

	@Test
	void lambdasCarryTheContextToParallelStreamsAndTheCommonPool() {
		this.contextRunner.run((context) -> {
			LookupTools tools = context.getBean(LookupTools.class);
			try (CascadeScope run = Cascade.traceRun("Run")) {
				List<String> parallel = List.of("a", "b", "c", "d")
					.parallelStream()
					.map(Cascade.withContext((String key) -> tools.lookup(key)))
					.toList();
				assertThat(parallel).containsExactly("A", "B", "C", "D");
				assertThat(CompletableFuture.supplyAsync(Cascade.withContext(() -> tools.lookup("e"))).join())
					.isEqualTo("E");
				CompletableFuture.runAsync(Cascade.withContext(() -> {
					tools.lookup("f");
				})).join();
			}
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SpanData run = span(exporter, "Run");
			assertThat(exporter.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("lookup"))
				.hasSize(6)
				.allSatisfy((tool) -> assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId()));
		});
	}

	@Test
	void workThatEscapesTheRunStartsItsOwnTraceAndCascadeExplainsWhyOnce(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			LookupTools tools = context.getBean(LookupTools.class);
			try (CascadeScope run = Cascade.traceRun("Run")) {
				this.pool.submit(() -> tools.lookup("a")).get();
				this.pool.submit(() -> tools.lookup("b")).get();
			}
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(exporter.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("lookup"))
				.hasSize(2)
				.allSatisfy((tool) -> assertThat(tool.getParentSpanContext().isValid()).isFalse());
			assertThat(output.getOut().split("outside of any run", -1)).hasSize(2);
			assertThat(output).contains("Cascade.wrap(executor)");
		});
	}

	@Test
	void agentsStartedWhereTheRunDidNotReachAreWarnedAboutOnceNamingTheFix(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			try (CascadeScope run = Cascade.traceRun("Run")) {
				for (String worker : List.of("Worker-1", "Worker-2", "Worker-3")) {
					this.pool.submit(() -> {
						try (CascadeScope agent = Cascade.traceAgent(worker)) {
							return worker;
						}
					}).get();
				}
			}
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(exporter.getFinishedSpanItems()).filteredOn((span) -> span.getName().startsWith("Worker-"))
				.hasSize(3)
				.allSatisfy((agent) -> assertThat(agent.getParentSpanContext().isValid()).isFalse());
			assertThat(output.getOut().split("outside of any run", -1)).hasSize(2);
			assertThat(output).contains("WARN").contains("agent 'Worker-1'").contains("Cascade.wrap(executor)")
				.contains("Cascade.withContext");
		});
	}

	@Test
	void asyncMethodsOnBootsExecutorStayInTheRunWithoutCode() {
		this.contextRunner
			.withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations
				.of(org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncConfiguration.class)
			.run((context) -> {
				AsyncLookups lookups = context.getBean(AsyncLookups.class);
				try (CascadeScope run = Cascade.traceRun("Run")) {
					assertThat(lookups.lookup("a").get()).isEqualTo("A");
				}
				assertInRun(context, 1);
			});
	}

	@Test
	void executorsTheApplicationBuildsItselfCarryTheRunAndKeepTheirOwnDecorator() {
		java.util.concurrent.atomic.AtomicInteger decorated = new java.util.concurrent.atomic.AtomicInteger();
		this.contextRunner.withBean("workers", org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor.class, () -> {
			var executor = new org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor();
			executor.setTaskDecorator((runnable) -> {
				decorated.incrementAndGet();
				return runnable;
			});
			return executor;
		})
			.withBean("simple", org.springframework.core.task.SimpleAsyncTaskExecutor.class,
					org.springframework.core.task.SimpleAsyncTaskExecutor::new)
			.run((context) -> {
				LookupTools tools = context.getBean(LookupTools.class);
				var workers = context.getBean("workers", org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor.class);
				var simple = context.getBean("simple", org.springframework.core.task.SimpleAsyncTaskExecutor.class);
				try (CascadeScope run = Cascade.traceRun("Run")) {
					assertThat(workers.submit(() -> tools.lookup("a")).get()).isEqualTo("A");
					assertThat(simple.submit(() -> tools.lookup("b")).get()).isEqualTo("B");
				}
				assertThat(decorated).hasValue(1);
				assertInRun(context, 2);
			});
	}

	private static void assertInRun(org.springframework.context.ApplicationContext context, int lookups) {
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		SpanData run = span(exporter, "Run");
		assertThat(exporter.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("lookup"))
			.hasSize(lookups)
			.allSatisfy((tool) -> assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId()));
		assertThat(run.getAttributes().get(CascadeAttributes.USAGE_TOOL_CALLS)).isEqualTo(lookups);
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.scheduling.annotation.EnableAsync
	static class AsyncConfiguration {

		@org.springframework.context.annotation.Bean
		AsyncLookups asyncLookups(LookupTools tools) {
			return new AsyncLookups(tools);
		}

	}

	static class AsyncLookups {

		private final LookupTools tools;

		AsyncLookups(LookupTools tools) {
			this.tools = tools;
		}

		@org.springframework.scheduling.annotation.Async
		public CompletableFuture<String> lookup(String key) {
			return CompletableFuture.completedFuture(this.tools.lookup(key));
		}

	}

	static class LookupTools {

		@Tool
		public String lookup(String key) {
			return key.toUpperCase(java.util.Locale.ROOT);
		}

	}

}
