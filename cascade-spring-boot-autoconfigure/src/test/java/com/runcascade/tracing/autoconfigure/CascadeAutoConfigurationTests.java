package com.runcascade.tracing.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.Tool;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.support.CascadeContextSpanProcessor;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.ContentFormatter;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class CascadeAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner();

	@Test
	void defaultsProvideTheTracerAndItsCollaborators() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CascadeTracer.class)
				.hasSingleBean(ContentFormatter.class)
				.hasSingleBean(CascadeContextSpanProcessor.class)
				.hasBean("cascadeExportSpanProcessor")
				.hasBean("cascadeToolAdvisor")
				.hasSingleBean(LlmTracing.class)
				.hasSingleBean(Sampler.class);
			ContentFormatter formatter = context.getBean(ContentFormatter.class);
			assertThat(formatter.captureContent()).isTrue();
			assertThat(formatter.maxLength()).isEqualTo(16 * 1024);
		});
	}

	@Test
	void userDefinedBeansWin() {
		ContentFormatter formatter = new ContentFormatter(false, 10);
		this.contextRunner.withBean(ContentFormatter.class, () -> formatter)
			.withBean("myTracer", CascadeTracer.class, () -> mock(CascadeTracer.class))
			.run((context) -> {
				assertThat(context).getBean(ContentFormatter.class).isSameAs(formatter);
				assertThat(context).getBean(CascadeTracer.class).isSameAs(context.getBean("myTracer"));
				// The tracer is the application's; the engine and the integrations stay Cascade's.
				assertThat(context).hasSingleBean(CascadeInstrumentation.class)
					.hasSingleBean(LlmTracing.class)
					.hasBean("cascadeToolAdvisor");
			});
	}

	@Test
	void propertiesConfigureContentCapture() {
		this.contextRunner.withPropertyValues("cascade.capture-content=false", "cascade.max-attribute-length=2KB")
			.run((context) -> {
				ContentFormatter formatter = context.getBean(ContentFormatter.class);
				assertThat(formatter.captureContent()).isFalse();
				assertThat(formatter.maxLength()).isEqualTo(2048);
			});
	}

	@Test
	void aZeroAttributeLengthFailsWithAClearMessage() {
		this.contextRunner.withPropertyValues("cascade.max-attribute-length=0B")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("cascade.max-attribute-length"));
	}

	@Test
	void disabledTracesNothingAndStartsNoExporter() {
		this.contextRunner.withPropertyValues("cascade.enabled=false", "cascade.api-key=k").run((context) -> {
			assertThat(context).hasSingleBean(CascadeTracer.class)
				.doesNotHaveBean(CascadeContextSpanProcessor.class)
				.doesNotHaveBean("cascadeExportSpanProcessor")
				.doesNotHaveBean("cascadeToolAdvisor");
			try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("Run")) {
			}
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void everyRunIsSampledUnderBootsDefaults() {
		this.contextRunner.run((context) -> {
			CascadeTracer tracer = context.getBean(CascadeTracer.class);
			for (int i = 0; i < 200; i++) {
				tracer.traceRun("Run", null, (Runnable) () -> {
				});
			}
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).hasSize(200);
		});
	}

	@Test
	void anExplicitSamplingProbabilityIsRespectedExceptForRuns() {
		this.contextRunner.withPropertyValues("management.tracing.sampling.probability=0.0").run((context) -> {
			Sampler sampler = context.getBean(Sampler.class);
			assertThat(sampler.shouldSample(Context.root(), TraceId.fromLongs(1, 2), "GET /", SpanKind.SERVER,
					Attributes.empty(), List.of())
				.getDecision()).isEqualTo(SamplingDecision.DROP);
			context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("plain").startSpan().end();
			context.getBean(CascadeTracer.class).traceRun("Run", null, (Runnable) () -> {
			});
			assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).containsExactly("Run");
		});
	}

	@Test
	void projectDefaultsToTheApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=support-bot").run((context) -> {
			SpanData run = runOnce(context.getBean(CascadeTracer.class), context.getBean(InMemorySpanExporter.class));
			assertThat(run.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.name")))
				.isEqualTo("support-bot");
			assertThat(run.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("cascade.project")))
				.isEqualTo("support-bot");
			assertThat(run.getResource()
				.getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("cascade.environment"))).isEqualTo("local");
			assertThat(run.getResource()
				.getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("deployment.environment"))).isNull();
		});
	}

	@Test
	void projectIsDefaultWithoutAnApplicationName() {
		this.contextRunner.run((context) -> {
			SpanData run = runOnce(context.getBean(CascadeTracer.class), context.getBean(InMemorySpanExporter.class));
			assertThat(run.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("cascade.project")))
				.isEqualTo("default");
		});
	}

	@Test
	void asyncMethodsOfBootsTaskExecutorKeepTheAgentAndParent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncConfiguration.class)
			.run(this::assertAsyncWorkIsTaggedWithTheAgent);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void asyncMethodsOnVirtualThreadsKeepTheAgentAndParent() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(AsyncConfiguration.class)
			.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> {
				assertThat(context.getBean(AsyncWorker.class).virtualCheck().get()).isTrue();
				assertAsyncWorkIsTaggedWithTheAgent(context);
			});
	}

	private void assertAsyncWorkIsTaggedWithTheAgent(org.springframework.context.ApplicationContext context)
			throws Exception {
		CascadeTracer tracer = context.getBean(CascadeTracer.class);
		AsyncWorker worker = context.getBean(AsyncWorker.class);
		try (CascadeScope agent = tracer.traceAgent("BackgroundAgent")) {
			assertThat(worker.lookup("q").get()).isEqualTo("found q");
		}
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		SpanData tool = span(exporter, "lookup");
		assertThat(attr(tool, "cascade.agent_name")).isEqualTo("BackgroundAgent");
		assertThat(tool.getParentSpanId()).isEqualTo(span(exporter, "BackgroundAgent").getSpanId());
	}

	@ParameterizedTest
	@ValueSource(strings = { "org.springframework.ai", "reactor.core", "jakarta.servlet", "com.anthropic", "com.openai",
			"io.micrometer.core", "org.springframework.web" })
	void worksWithoutOptionalLibrary(String packageName) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(packageName))
			.withUserConfiguration(ToolConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CascadeTracer.class);
				context.getBean(PlainTool.class).act("x");
				assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).containsExactly("act");
			});
	}

	@Test
	void tracesAnnotatedMethodsWithoutAspectJThroughBootsInfrastructureProxying() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.withUserConfiguration(ToolConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("cascadeToolAdvisor");
				context.getBean(PlainTool.class).act("x");
				context.getBean(CascadeTracer.class).traceRun("Run", null, (Runnable) () -> {
				});
				assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class)))
					.containsExactly("act", "Run");
			});
	}

	@Test
	void springAopAutoOffLeavesAnnotatedMethodsUnproxied() {
		this.contextRunner.withPropertyValues("spring.aop.auto=false")
			.withUserConfiguration(ToolConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("cascadeToolAdvisor");
				assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean(PlainTool.class)))
					.isFalse();
			});
	}

	@Test
	void proxyTargetClassFalseProxiesToolsOnTheirInterfaces() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withUserConfiguration(InterfaceToolConfiguration.class)
			.run((context) -> {
				Greeter greeter = context.getBean(Greeter.class);
				assertThat(org.springframework.aop.support.AopUtils.isJdkDynamicProxy(greeter)).isTrue();
				greeter.greet("Ada");
				assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).containsExactly("greet");
			});
	}

	private static SpanData runOnce(CascadeTracer tracer, InMemorySpanExporter exporter) {
		tracer.traceRun("Run", null, (Runnable) () -> {
		});
		return span(exporter, "Run");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		AsyncWorker asyncWorker() {
			return new AsyncWorker();
		}

	}

	static class AsyncWorker {

		@Async
		@Tool
		public Future<String> lookup(String query) {
			return CompletableFuture.completedFuture("found " + query);
		}

		@Async
		public Future<Boolean> virtualCheck() {
			return CompletableFuture.completedFuture(isVirtual(Thread.currentThread()));
		}

		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ToolConfiguration {

		@Bean
		PlainTool plainTool() {
			return new PlainTool();
		}

	}

	// Public: CGLIB defines its subclass in the filtered class loader, outside this package.
	public static class PlainTool {

		@Tool
		public String act(String input) {
			return input;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceToolConfiguration {

		@Bean
		Greeter greeter() {
			return new PlainGreeter();
		}

	}

	public interface Greeter {

		String greet(String name);

	}

	static class PlainGreeter implements Greeter {

		@Tool
		@Override
		public String greet(String name) {
			return "hello " + name;
		}

	}

}
