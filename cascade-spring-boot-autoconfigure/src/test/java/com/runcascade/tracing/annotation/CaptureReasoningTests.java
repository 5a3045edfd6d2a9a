package com.runcascade.tracing.annotation;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.CaptureReasoning;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.Tool;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reasoning spans made by {@link CaptureReasoning}, in a real Spring context with real AOP. */
class CaptureReasoningTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner()
		.withUserConfiguration(PlannerConfiguration.class);

	@Test
	void reasoningMethodIsASpanWithNameInputOutputAndDurationInsideItsAgent() {
		this.contextRunner.run((context) -> {
			Planner planner = context.getBean(Planner.class);
			try (CascadeScope agent = context.getBean(CascadeTracer.class).traceAgent("TripAgent")) {
				assertThat(planner.plan("Tokyo", 3)).containsExactly("fly to Tokyo", "stay 3 nights");
			}
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SpanData reasoning = span(exporter, "plan");
			assertThat(attr(reasoning, "cascade.span_type")).isEqualTo("reasoning");
			assertThat(attr(reasoning, "reasoning.name")).isEqualTo("plan");
			assertThat(attr(reasoning, "reasoning.input")).isEqualTo("{\"city\":\"Tokyo\",\"nights\":3}");
			assertThat(attr(reasoning, "reasoning.output")).isEqualTo("[\"fly to Tokyo\",\"stay 3 nights\"]");
			assertThat(attr(reasoning, "cascade.agent_name")).isEqualTo("TripAgent");
			assertThat(reasoning.getAttributes().get(AttributeKey.doubleKey("reasoning.duration_ms"))).isNotNull();
			assertThat(reasoning.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
			assertThat(reasoning.getParentSpanId()).isEqualTo(span(exporter, "TripAgent").getSpanId());
			// Not a tool: it counts no tool call and carries no tool attributes.
			assertThat(reasoning.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isNull();
		});
	}

	@Test
	void nameComesFromTheAnnotationWhenGiven() {
		this.contextRunner.run((context) -> {
			context.getBean(Planner.class).reflect("the flight is full");
			SpanData reasoning = span(context.getBean(InMemorySpanExporter.class), "reflect_on_result");
			assertThat(attr(reasoning, "reasoning.name")).isEqualTo("reflect_on_result");
			assertThat(attr(reasoning, "reasoning.output")).isEqualTo("try another date");
		});
	}

	@Test
	void failureIsRecordedAsReasoningErrorAndRethrownUnchanged() {
		this.contextRunner.run((context) -> {
			Planner planner = context.getBean(Planner.class);
			assertThatThrownBy(() -> planner.plan("", 1)).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("no destination");
			SpanData reasoning = span(context.getBean(InMemorySpanExporter.class), "plan");
			assertThat(attr(reasoning, "reasoning.error")).isEqualTo("IllegalArgumentException: no destination");
			assertThat(reasoning.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		});
	}

	@Test
	void reactiveReasoningEndsWhenTheResultArrives() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(Planner.class).decide("rain").block()).isEqualTo("take the train");
			SpanData reasoning = span(context.getBean(InMemorySpanExporter.class), "decide");
			assertThat(attr(reasoning, "reasoning.output")).isEqualTo("take the train");
		});
	}

	@Test
	void toolCalledWhileReasoningIsItsChild() {
		this.contextRunner.run((context) -> {
			context.getBean(Planner.class).planWithTool("Oslo");
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(span(exporter, "lookup").getParentSpanId())
				.isEqualTo(span(exporter, "planWithTool").getSpanId());
		});
	}

	@Test
	void inputAndOutputAreLeftOutWhenContentCaptureIsOff() {
		this.contextRunner.withPropertyValues("cascade.capture-content=false").run((context) -> {
			context.getBean(Planner.class).plan("Tokyo", 3);
			SpanData reasoning = span(context.getBean(InMemorySpanExporter.class), "plan");
			assertThat(attr(reasoning, "cascade.span_type")).isEqualTo("reasoning");
			assertThat(reasoning.getAttributes().get(AttributeKey.stringKey("reasoning.input"))).isNull();
			assertThat(reasoning.getAttributes().get(AttributeKey.stringKey("reasoning.output"))).isNull();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class PlannerConfiguration {

		@Bean
		Lookup lookup() {
			return new Lookup();
		}

		@Bean
		Planner planner(Lookup lookup) {
			return new Planner(lookup);
		}

	}

	static class Planner {

		private final Lookup lookup;

		Planner(Lookup lookup) {
			this.lookup = lookup;
		}

		@CaptureReasoning
		public List<String> plan(String city, int nights) {
			if (city.isEmpty()) {
				throw new IllegalArgumentException("no destination");
			}
			return List.of("fly to " + city, "stay " + nights + " nights");
		}

		@CaptureReasoning(name = "reflect_on_result")
		public String reflect(String result) {
			return "try another date";
		}

		@CaptureReasoning
		public Mono<String> decide(String weather) {
			return Mono.fromSupplier(() -> "take the train");
		}

		@CaptureReasoning
		public String planWithTool(String city) {
			return this.lookup.lookup(city);
		}

	}

	static class Lookup {

		@Tool(description = "Look a city up.")
		public String lookup(String city) {
			return city + " is in Norway";
		}

	}

}
