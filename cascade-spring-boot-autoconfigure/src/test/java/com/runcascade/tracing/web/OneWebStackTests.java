package com.runcascade.tracing.web;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.ClassUtils;

import com.runcascade.tracing.BootLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Cascade auto-configuration with one web stack alone on the class path, as conditions see
 * it: the other stack's API hidden with a {@link FilteredClassLoader}. (A class that reaches the
 * hidden API at run time is caught by the {@code webflux-only} tests, whose class path truly lacks
 * the servlet API.)
 */
class OneWebStackTests {

	@Test
	void aReactiveApplicationWithoutTheServletApiGetsTheReactiveSessionBeansOnly() {
		new ReactiveWebApplicationContextRunner().withConfiguration(everyAutoConfiguration())
			.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet",
					"org.apache.catalina"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("cascadeReactiveSessionFilter")).isInstanceOf(CascadeReactiveSessionFilter.class);
				assertThat(context).hasBean("cascadeReactiveSessionSampling")
					.doesNotHaveBean("cascadeSessionFilter")
					.doesNotHaveBean("cascadeSessionSamplingFilter")
					.doesNotHaveBean("cascadeViewerServlet");
			});
	}

	@Test
	void aServletApplicationWithoutReactorOrWebFluxGetsTheServletSessionBeansOnly() {
		new WebApplicationContextRunner().withConfiguration(everyAutoConfiguration())
			.withClassLoader(new FilteredClassLoader("reactor.", "org.springframework.web.reactive"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasBean("cascadeSessionFilter")
					.hasBean("cascadeSessionSamplingFilter")
					.doesNotHaveBean("cascadeReactiveSessionFilter")
					.doesNotHaveBean("cascadeReactiveSessionSampling");
			});
	}

	@Test
	void aNonWebApplicationGetsNoSessionFilterOfEitherStack() {
		new ApplicationContextRunner().withConfiguration(everyAutoConfiguration())
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("cascadeReactiveSessionFilter")
				.doesNotHaveBean("cascadeReactiveSessionSampling")
				.doesNotHaveBean("cascadeSessionFilter")
				.doesNotHaveBean("cascadeSessionSamplingFilter"));
	}

	/** Boot's OpenTelemetry tracing and every auto-configuration Cascade registers. */
	private static AutoConfigurations everyAutoConfiguration() {
		ClassLoader classLoader = OneWebStackTests.class.getClassLoader();
		Stream<Class<?>> cascade = ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("com.runcascade."))
			.map((name) -> ClassUtils.resolveClassName(name, classLoader));
		Class<?>[] all = Stream
			.concat(Stream.<Class<?>>of(BootLine.OPEN_TELEMETRY_SDK, BootLine.OPEN_TELEMETRY_TRACING),
					cascade)
			.toArray(Class<?>[]::new);
		assertThat(all).contains(CascadeWebAutoConfiguration.class);
		return AutoConfigurations.of(all);
	}

}
