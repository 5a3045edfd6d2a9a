package com.runcascade.tracing.web;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeTracer;

import static org.assertj.core.api.Assertions.assertThat;

class CascadeWebAutoConfigurationTests {

	private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(
				BootLine.OPEN_TELEMETRY_SDK, BootLine.OPEN_TELEMETRY_TRACING,
				com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration.class, CascadeWebAutoConfiguration.class));

	@Test
	void registersTheFilterAfterTheServerObservationFilter() {
		this.webRunner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("cascadeSessionFilter", FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(CascadeSessionFilter.class);
			assertThat(registration.getOrder()).isGreaterThan(Integer.MIN_VALUE + 1);
		});
	}

	@Test
	void registersTheSamplingFilterBeforeTheServerObservationFilter() {
		this.webRunner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean("cascadeSessionSamplingFilter",
					FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(SessionSamplingFilter.class);
			assertThat(registration.getOrder()).isEqualTo(Integer.MIN_VALUE);
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.webRunner.withPropertyValues("cascade.session.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void backsOffWithoutTheServletApi() {
		new org.springframework.boot.test.context.runner.ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration.class,
					CascadeWebAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.servlet"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("cascadeSessionFilter"));
	}

	@Test
	void generatesAnIdWhenAskedAndTheRequestHasNone() {
		this.webRunner.withPropertyValues("cascade.session.generate-when-missing=true",
				"cascade.session.header=X-Conversation").run((context) -> {
					CascadeSessionFilter filter = (CascadeSessionFilter) context.getBean("cascadeSessionFilter", FilterRegistrationBean.class)
						.getFilter();
					CascadeTracer tracer = context.getBean(CascadeTracer.class);
					AtomicReference<String> seen = new AtomicReference<>();
					MockHttpServletResponse response = new MockHttpServletResponse();
					filter.doFilter(new MockHttpServletRequest("POST", "/chat"), response,
							new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
								@Override
								protected void service(jakarta.servlet.http.HttpServletRequest req,
										jakarta.servlet.http.HttpServletResponse res) {
									seen.set(tracer.currentSessionId());
								}
							}));
					assertThat(seen.get()).isNotNull().matches("[0-9a-f-]{36}");
					assertThat(response.getHeader("X-Conversation")).isEqualTo(seen.get());
					assertThat(tracer.currentSessionId()).isNull();
				});
	}

}
