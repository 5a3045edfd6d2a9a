package com.runcascade.tracing.viewer;

import jakarta.servlet.http.HttpServlet;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.export.CascadeExportAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CascadeViewerAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, CascadeAutoConfiguration.class,
				CascadeExportAutoConfiguration.class, CascadeViewerAutoConfiguration.class));

	@Test
	void isOnByDefaultWhenNothingIsExportedAndSeesTheApplicationsSpans() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ViewerSpanStore.class).hasBean("cascadeViewerServlet");
			ServletRegistrationBean<?> registration = context.getBean("cascadeViewerServlet",
					ServletRegistrationBean.class);
			assertThat(registration.getServlet()).isInstanceOf(ViewerServlet.class);
			assertThat(registration.getUrlMappings()).containsExactly("/cascade", "/cascade/*");
			try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("ChatTurn")) {
				// one span through Boot's tracer provider
			}
			assertThat(context.getBean(ViewerSpanStore.class).traces()).singleElement()
				.satisfies((trace) -> assertThat(trace.spans()).hasSize(1));
		});
	}

	@Test
	void isOffWhenSpansAreExportedToCascade() {
		this.runner.withPropertyValues("cascade.api-key=csk-123")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class)
				.doesNotHaveBean("cascadeViewerServlet"));
	}

	@Test
	void isOffWhenSpansAreExportedToAnotherEndpoint() {
		this.runner.withPropertyValues("cascade.endpoint=http://localhost:4318/v1/traces")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class));
	}

	@Test
	void canBeForcedOnNextToExport() {
		this.runner.withPropertyValues("cascade.api-key=csk-123", "cascade.viewer.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ViewerSpanStore.class).hasBean("cascadeViewerServlet"));
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("cascade.viewer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class)
				.doesNotHaveBean("cascadeViewerServlet"));
	}

	@Test
	void isOffWhenCascadeIsOff() {
		this.runner.withPropertyValues("cascade.enabled=false", "cascade.viewer.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(ViewerSpanStore.class));
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

	@Configuration(proxyBeanMethods = false)
	static class OwnStore {

		@Bean
		ViewerSpanStore myStore() {
			return new ViewerSpanStore(7, 1024 * 1024);
		}

	}

}
