package com.runcascade.tracing.viewer;

import java.util.Collection;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class CascadeViewerAutoConfigurationTests {

	private static final String ON_LOG = "Cascade trace viewer at /cascade for direct requests from this machine only: on because ";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BootLine.OPEN_TELEMETRY_SDK,
				BootLine.OPEN_TELEMETRY_TRACING, BootLine.OTLP_TRACING,
				CascadeAutoConfiguration.class, CascadeExportAutoConfiguration.class,
				CascadeViewerAutoConfiguration.class));

	@Test
	void isOnByDefaultWhenNothingIsExportedAndSeesTheApplicationsSpans(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ViewerSpanStore.class)
				.hasBean("cascadeViewerServlet")
				.hasSingleBean(FirstHopValveCustomizer.class);
			ServletRegistrationBean<?> registration = context.getBean("cascadeViewerServlet",
					ServletRegistrationBean.class);
			assertThat(registration.getServlet()).isInstanceOf(ViewerServlet.class);
			assertThat(registration.getServletName()).isEqualTo(ViewerServlet.NAME);
			assertThat(registration.getUrlMappings()).containsExactly("/cascade", "/cascade/*");
			try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("ChatTurn")) {
				// one span through Boot's tracer provider
			}
			assertThat(context.getBean(ViewerSpanStore.class).traces()).singleElement()
				.satisfies((trace) -> assertThat(trace.spans()).hasSize(1));
		});
		assertThat(output.getOut().split(ON_LOG, -1)).hasSize(2);
		assertThat(output).contains(ON_LOG + "nothing is exported (no Cascade API key or endpoint, no span exporter); "
				+ "cascade.viewer.enabled=false turns it off");
	}

	@Test
	void isOffWhenSpansAreExportedToCascade(CapturedOutput output) {
		this.runner.withPropertyValues("cascade.api-key=csk-123")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class)
				.doesNotHaveBean("cascadeViewerServlet")
				.doesNotHaveBean(FirstHopValveCustomizer.class));
		assertThat(output).doesNotContain("Cascade trace viewer");
	}

	@Test
	void isOffWhenSpansAreExportedToAnotherEndpoint() {
		this.runner.withPropertyValues("cascade.endpoint=http://localhost:4318/v1/traces")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class));
	}

	@Test
	void isOffWhenBootExportsOverOtlp(CapturedOutput output) {
		this.runner.withPropertyValues(BootLine.OTLP_TRACING_ENDPOINT + "=http://localhost:4318/v1/traces")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SpanExporter.class);
				assertThat(context).doesNotHaveBean(ViewerSpanStore.class)
					.doesNotHaveBean("cascadeViewerServlet")
					.doesNotHaveBean(FirstHopValveCustomizer.class);
			});
		assertThat(output).doesNotContain("Cascade trace viewer");
	}

	@Test
	void isOffWhenTheApplicationHasASpanExporterOfItsOwnAndSaysWhyAtDebug(CapturedOutput output) {
		Logger logger = (Logger) LoggerFactory.getLogger(ViewerDefault.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			this.runner.withUserConfiguration(OwnExporter.class)
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(ViewerSpanStore.class)
					.doesNotHaveBean("cascadeViewerServlet"));
		}
		finally {
			logger.setLevel(level);
		}
		assertThat(output).contains("Cascade trace viewer off: spans are exported by myExporter; "
				+ "cascade.viewer.enabled=true turns it on");
	}

	@Test
	void isOffWhenTheApplicationReportsSpansThroughMicrometer() {
		this.runner.withUserConfiguration(OwnReporter.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ViewerSpanStore.class));
	}

	@Test
	void isOffOnACloudPlatform() {
		this.runner.withPropertyValues("spring.main.cloud-platform=kubernetes")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class));
		this.runner.withPropertyValues("spring.main.cloud-platform=none")
			.run((context) -> assertThat(context).hasSingleBean(ViewerSpanStore.class));
	}

	@Test
	void isOnWithDevToolsEvenWhenSpansAreExported(CapturedOutput output) {
		this.runner.withClassLoader(withDevTools())
			.withPropertyValues("cascade.api-key=csk-123")
			.withUserConfiguration(OwnExporter.class)
			.run((context) -> assertThat(context).hasSingleBean(ViewerSpanStore.class).hasBean("cascadeViewerServlet"));
		assertThat(output).contains(ON_LOG + "Spring Boot DevTools is on the class path; "
				+ "cascade.viewer.enabled=false turns it off");
	}

	@Test
	void isOffWithDevToolsOnACloudPlatform() {
		this.runner.withClassLoader(withDevTools())
			.withPropertyValues("spring.main.cloud-platform=kubernetes")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class));
	}

	@Test
	void canBeForcedOnNextToEveryExport(CapturedOutput output) {
		this.runner
			.withPropertyValues("cascade.api-key=csk-123", "cascade.viewer.enabled=true",
					"spring.main.cloud-platform=kubernetes",
					BootLine.OTLP_TRACING_ENDPOINT + "=http://localhost:4318/v1/traces")
			.withUserConfiguration(OwnExporter.class)
			.run((context) -> assertThat(context).hasSingleBean(ViewerSpanStore.class).hasBean("cascadeViewerServlet"));
		assertThat(output).contains(ON_LOG + "cascade.viewer.enabled is true")
			.doesNotContain("cascade.viewer.enabled=false turns it off");
	}

	@Test
	void canBeSwitchedOffEvenWithDevTools() {
		this.runner.withClassLoader(withDevTools())
			.withPropertyValues("cascade.viewer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class)
				.doesNotHaveBean("cascadeViewerServlet"));
	}

	@Test
	void isOffWhenCascadeIsOff() {
		this.runner.withPropertyValues("cascade.enabled=false", "cascade.viewer.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class));
	}

	@Test
	void leavesTomcatAloneWhenRemoteClientsAreAllowed(CapturedOutput output) {
		this.runner.withPropertyValues("cascade.viewer.allow-remote=true")
			.run((context) -> assertThat(context).hasSingleBean(ViewerSpanStore.class)
				.doesNotHaveBean(FirstHopValveCustomizer.class));
		assertThat(output).contains("Cascade trace viewer at /cascade for every client (cascade.viewer.allow-remote)");
	}

	@Test
	void leavesTomcatAloneWithoutIt() {
		this.runner.withClassLoader(new FilteredClassLoader("org.apache.catalina"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ViewerSpanStore.class)
				.doesNotHaveBean(FirstHopValveCustomizer.class));
	}

	@Test
	void takesItsLimitsFromTheProperties() {
		this.runner.withPropertyValues("cascade.viewer.max-traces=42", "cascade.viewer.max-bytes=3MB")
			.run((context) -> {
				ViewerSpanStore store = context.getBean(ViewerSpanStore.class);
				assertThat(store.maxTraces()).isEqualTo(42);
				assertThat(store.maxBytes()).isEqualTo(3L * 1024 * 1024);
			});
	}

	@Test
	void backsOffForTheApplicationsOwnStore() {
		this.runner.withUserConfiguration(OwnStore.class).run((context) -> {
			assertThat(context).hasSingleBean(ViewerSpanStore.class);
			assertThat(context.getBean(ViewerSpanStore.class).maxTraces()).isEqualTo(7);
		});
	}

	@Test
	void isAbsentOutsideServletWebApplications() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CascadeAutoConfiguration.class, CascadeViewerAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ViewerSpanStore.class));
	}

	@Test
	void isAbsentWithoutTheServletApi() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CascadeAutoConfiguration.class, CascadeViewerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HttpServlet.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ViewerSpanStore.class));
	}

	/** A class loader on which DevTools' Restarter exists, as when spring-boot-devtools is a dependency. */
	private static ClassLoader withDevTools() {
		ClassWriter writer = new ClassWriter(0);
		writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, ViewerDefault.DEVTOOLS_CLASS.replace('.', '/'), null,
				"java/lang/Object", null);
		writer.visitEnd();
		byte[] bytes = writer.toByteArray();
		return new ClassLoader(CascadeViewerAutoConfigurationTests.class.getClassLoader()) {

			@Override
			protected Class<?> findClass(String name) throws ClassNotFoundException {
				if (name.equals(ViewerDefault.DEVTOOLS_CLASS)) {
					return defineClass(name, bytes, 0, bytes.length);
				}
				throw new ClassNotFoundException(name);
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStore {

		@Bean
		ViewerSpanStore myStore() {
			return new ViewerSpanStore(7, 1024 * 1024);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnExporter {

		@Bean
		SpanExporter myExporter() {
			return new SpanExporter() {

				@Override
				public CompletableResultCode export(Collection<SpanData> spans) {
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode flush() {
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode shutdown() {
					return CompletableResultCode.ofSuccess();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnReporter {

		@Bean
		SpanReporter myReporter() {
			return new SpanReporter() {

				@Override
				public void report(FinishedSpan span) {
				}

				@Override
				public void close() {
				}

			};
		}

	}

}
