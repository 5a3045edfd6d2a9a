package com.runcascade.tracing.autoconfigure;

import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.springai.CascadeSpringAiAutoConfiguration;
import com.runcascade.tracing.web.CascadeWebAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorContextPropagationConfiguration}: the one place that turns on Reactor's
 * automatic context propagation, for the reactive session filter and for Spring AI, registered once
 * whichever of them the application has. Reactor's switch is global, so each test starts with it
 * off and puts it back as it was.
 */
class ReactorContextPropagationConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			BootLine.OPEN_TELEMETRY_SDK, BootLine.OPEN_TELEMETRY_TRACING,
			BootLine.OBSERVATION, BootLine.MICROMETER_TRACING,
			CascadeAutoConfiguration.class, CascadeLlmAutoConfiguration.class, CascadeWebAutoConfiguration.class,
			CascadeSpringAiAutoConfiguration.class);

	/** Hides Spring AI from the auto-configurations' conditions. */
	private static final FilteredClassLoader WITHOUT_SPRING_AI = new FilteredClassLoader("org.springframework.ai");

	private boolean enabledBefore;

	@BeforeEach
	void switchReactorsPropagationOff() {
		this.enabledBefore = Hooks.isAutomaticContextPropagationEnabled();
		Hooks.disableAutomaticContextPropagation();
	}

	@AfterEach
	void restoreReactorsPropagation() {
		if (this.enabledBefore) {
			Hooks.enableAutomaticContextPropagation();
		}
		else {
			Hooks.disableAutomaticContextPropagation();
		}
	}

	@Test
	void aWebFluxApplicationWithoutSpringAiCarriesTheRunAcrossThreads() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(WITHOUT_SPRING_AI)
			.run((context) -> {
				assertThat(context).hasBean("cascadeReactiveSessionFilter")
					.doesNotHaveBean("cascadeChatClientAdvisor")
					.hasSingleBean(ReactorContextPropagationConfiguration.class);
				assertTheRunIsCurrentOnAnotherThread(context.getBean(CascadeTracer.class));
			});
	}

	@Test
	void aSpringAiApplicationWithoutWebFluxCarriesTheRunAcrossThreads() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader("org.springframework.web.server", "org.springframework.web.reactive"))
			.run((context) -> {
				assertThat(context).hasBean("cascadeChatClientAdvisor")
					.doesNotHaveBean("cascadeReactiveSessionFilter")
					.hasSingleBean(ReactorContextPropagationConfiguration.class);
				assertTheRunIsCurrentOnAnotherThread(context.getBean(CascadeTracer.class));
			});
	}

	@Test
	void aServletApplicationWithSpringAiCarriesTheRunAcrossThreads() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasBean("cascadeChatClientAdvisor")
				.hasBean("cascadeSessionFilter")
				.hasSingleBean(ReactorContextPropagationConfiguration.class);
			assertTheRunIsCurrentOnAnotherThread(context.getBean(CascadeTracer.class));
		});
	}

	@Test
	void aWebFluxApplicationWithSpringAiRegistersItOnce() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			assertThat(context).hasBean("cascadeReactiveSessionFilter")
				.hasBean("cascadeChatClientAdvisor")
				.hasSingleBean(ReactorContextPropagationConfiguration.class);
			assertTheRunIsCurrentOnAnotherThread(context.getBean(CascadeTracer.class));
		});
	}

	/** Neither a reactive session filter nor Spring AI needs it: it stays off, as before. */
	@Test
	void aServletApplicationWithoutSpringAiLeavesReactorAlone() {
		assertLeftAlone(new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(WITHOUT_SPRING_AI));
	}

	@Test
	void theApplicationsOwnSettingWins() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("spring.reactor.context-propagation=limited")
			.run((context) -> {
				assertThat(context).hasSingleBean(ReactorContextPropagationConfiguration.class);
				assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
			});
	}

	@Test
	void isOffWhenCascadeIsDisabled() {
		assertLeftAlone(new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("cascade.enabled=false"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "io.micrometer.context", "reactor.core" })
	void backsOffWithoutReactorOrContextPropagation(String missing) {
		assertLeftAlone(new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader(missing)));
	}

	private static <C extends ConfigurableApplicationContext, A extends ApplicationContextAssertProvider<C>> void assertLeftAlone(
			AbstractApplicationContextRunner<?, C, A> runner) {
		runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ReactorContextPropagationConfiguration.class);
			assertThat(Hooks.isAutomaticContextPropagationEnabled()).isFalse();
		});
	}

	private static void assertTheRunIsCurrentOnAnotherThread(CascadeTracer tracer) {
		assertThat(Hooks.isAutomaticContextPropagationEnabled()).isTrue();
		try (CascadeScope run = tracer.traceRun("HopRun")) {
			String runSpan = Span.current().getSpanContext().getSpanId();
			String seen = Mono
				.fromCallable(() -> Thread.currentThread().getName() + " " + Span.current().getSpanContext().getSpanId())
				.subscribeOn(Schedulers.boundedElastic())
				.block();
			assertThat(seen).startsWith("boundedElastic").endsWith(" " + runSpan);
		}
	}

}
