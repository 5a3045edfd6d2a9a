package com.runcascade.tracing.autoconfigure;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

class ObservationContextHookTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner()
		.withConfiguration(
				AutoConfigurations.of(BootLine.OBSERVATION, BootLine.MICROMETER_TRACING));

	@Test
	void observationsStartedInsideAnAgentNestUnderItEvenWithinAnEnclosingObservation() {
		this.contextRunner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			CascadeTracer tracer = context.getBean(CascadeTracer.class);
			Observation request = Observation.start("http.server.requests", registry);
			try (Observation.Scope requestScope = request.openScope()) {
				try (CascadeScope agent = tracer.traceAgent("PlannerAgent")) {
					Observation.createNotStarted("spring.ai.chat.client", registry).observe(() -> {
					});
				}
				assertThat(registry.getCurrentObservation()).isSameAs(request);
				Observation.createNotStarted("after.agent", registry).observe(() -> {
				});
			}
			request.stop();
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SpanData agent = span(exporter, "PlannerAgent");
			SpanData inside = span(exporter, "spring.ai.chat.client");
			assertThat(inside.getParentSpanId()).isEqualTo(agent.getSpanId());
			assertThat(attr(inside, "cascade.agent_name")).isEqualTo("PlannerAgent");
			SpanData server = span(exporter, "http.server.requests");
			assertThat(agent.getParentSpanId()).isEqualTo(server.getSpanId());
			assertThat(span(exporter, "after.agent").getParentSpanId()).isEqualTo(server.getSpanId());
		});
	}

	@Test
	void withoutAnEnclosingObservationNoBridgeIsMadeAndObservationsStillNestUnderTheAgent() {
		this.contextRunner.run((context) -> {
			ObservationRegistry registry = context.getBean(ObservationRegistry.class);
			try (CascadeScope agent = context.getBean(CascadeTracer.class).traceAgent("PlannerAgent")) {
				assertThat(registry.getCurrentObservation()).isNull();
				Observation.createNotStarted("spring.ai.chat.client", registry).observe(() -> {
				});
			}
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(span(exporter, "spring.ai.chat.client").getParentSpanId())
				.isEqualTo(span(exporter, "PlannerAgent").getSpanId());
		});
	}

	@ParameterizedTest(name = "enclosing observation: {0}")
	@ValueSource(booleans = { false, true })
	void reactorThreadHopsKeepTheCascadeContext(boolean enclosingObservation) {
		Hooks.enableAutomaticContextPropagation();
		try {
			this.contextRunner.run((context) -> {
				ObservationRegistry registry = context.getBean(ObservationRegistry.class);
				CascadeTracer tracer = context.getBean(CascadeTracer.class);
				Observation request = enclosingObservation ? Observation.start("http.server.requests", registry) : null;
				try (Observation.Scope requestScope = (request != null) ? request.openScope() : null;
						CascadeScope agent = tracer.traceAgent("PlannerAgent")) {
					String seenOnTheHop = Mono
						.fromCallable(() -> Thread.currentThread().getName() + " " + tracer.currentAgentName() + " "
								+ Span.current().getSpanContext().getSpanId())
						.subscribeOn(Schedulers.boundedElastic())
						.block();
					assertThat(seenOnTheHop).startsWith("boundedElastic")
						.endsWith(" PlannerAgent " + Span.current().getSpanContext().getSpanId());
				}
				if (request != null) {
					request.stop();
				}
				assertThat(Span.current().getSpanContext().isValid()).isFalse();
			});
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
	}

}
