package com.runcascade.tracing.web;

import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.server.WebFilter;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CascadeWebAutoConfiguration} in reactive web applications. */
class CascadeWebAutoConfigurationReactiveTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			BootLine.OPEN_TELEMETRY_SDK, BootLine.OPEN_TELEMETRY_TRACING,
			CascadeAutoConfiguration.class, CascadeWebAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void registersTheReactiveFilterInAReactiveApplication() {
		this.reactiveRunner.run((context) -> assertThat(context).getBean("cascadeReactiveSessionFilter")
			.isInstanceOf(CascadeReactiveSessionFilter.class));
	}

	@Test
	void registersTheSessionSamplingAroundSpringsHttpHandler() {
		this.reactiveRunner.withPropertyValues("cascade.session.header=X-Conversation").run((context) -> {
			HttpHandler spring = (request, response) -> Mono.empty();
			HttpHandler decorated = context.getBean("cascadeReactiveSessionSampling", HttpHandlerDecoratorFactory.class)
				.apply(spring);
			assertThat(decorated).isInstanceOf(SessionSamplingHttpHandler.class)
				.hasFieldOrPropertyWithValue("delegate", spring)
				.hasFieldOrPropertyWithValue("header", "X-Conversation");
		});
	}

	@Test
	void backsOffForASessionSamplingOfTheSameName() {
		HttpHandlerDecoratorFactory own = (handler) -> handler;
		this.reactiveRunner.withBean("cascadeReactiveSessionSampling", HttpHandlerDecoratorFactory.class, () -> own)
			.run((context) -> assertThat(context).getBean("cascadeReactiveSessionSampling").isSameAs(own));
	}

	@Test
	void registersNoReactiveFilterInAServletApplication() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("cascadeReactiveSessionFilter")
				.doesNotHaveBean("cascadeReactiveSessionSampling"));
	}

	@Test
	void canBeSwitchedOff() {
		this.reactiveRunner.withPropertyValues("cascade.session.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebFilter.class)
				.doesNotHaveBean(HttpHandlerDecoratorFactory.class));
		this.reactiveRunner.withPropertyValues("cascade.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebFilter.class)
				.doesNotHaveBean(HttpHandlerDecoratorFactory.class));
	}

	@Test
	void backsOffForAFilterOfTheSameName() {
		WebFilter own = (exchange, chain) -> chain.filter(exchange);
		this.reactiveRunner.withBean("cascadeReactiveSessionFilter", WebFilter.class, () -> own)
			.run((context) -> assertThat(context).getBean("cascadeReactiveSessionFilter").isSameAs(own));
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor.core", "io.micrometer.context", "org.springframework.web.server" })
	void backsOffWithoutAnOptionalLibrary(String missing) {
		this.reactiveRunner.withClassLoader(new FilteredClassLoader(missing))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("cascadeReactiveSessionFilter")
				.doesNotHaveBean("cascadeReactiveSessionSampling"));
	}

	@Test
	void sessionBaggageWrapsTheApplicationsPropagatorsOnce() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).run((context) -> {
			ContextPropagators propagators = context.getBean(ContextPropagators.class);
			assertThat(propagators.getTextMapPropagator()).isInstanceOf(SessionBaggage.Propagator.class);
			assertThat(((SessionBaggage.Propagator) propagators.getTextMapPropagator()).delegate())
				.isNotInstanceOf(SessionBaggage.Propagator.class);
			assertThat(propagators.getTextMapPropagator().fields()).contains("traceparent", "baggage");
		});
	}

	@Test
	void sessionBaggageCanBeSwitchedOff() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("cascade.session.propagation.enabled=false")
			.run((context) -> assertThat(context.getBean(ContextPropagators.class).getTextMapPropagator())
				.isNotInstanceOf(SessionBaggage.Propagator.class));
	}

}
