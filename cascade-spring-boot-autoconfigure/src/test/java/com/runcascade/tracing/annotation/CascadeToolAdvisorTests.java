package com.runcascade.tracing.annotation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.Function;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.Tool;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CascadeToolAdvisorTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner()
		.withUserConfiguration(ToolsConfiguration.class);

	@Test
	void toolCallIsATraceWithNameDescriptionInputOutputAndDuration() {
		this.contextRunner.run((context) -> {
			FlightTools tools = context.getBean(FlightTools.class);
			CascadeTracer tracer = context.getBean(CascadeTracer.class);
			try (CascadeScope agent = tracer.traceAgent("PlannerAgent")) {
				assertThat(tools.searchFlights("JFK", "NRT", 2)).hasSize(2);
			}
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SpanData tool = span(exporter, "searchFlights");
			assertThat(attr(tool, "cascade.span_type")).isEqualTo("tool");
			assertThat(attr(tool, "tool.name")).isEqualTo("searchFlights");
			assertThat(attr(tool, "tool.description")).isEqualTo("Search available flights.");
			assertThat(attr(tool, "tool.input")).isEqualTo("{\"origin\":\"JFK\",\"destination\":\"NRT\",\"limit\":2}");
			assertThat(attr(tool, "tool.output")).isEqualTo("[\"JFK-NRT-0\",\"JFK-NRT-1\"]");
			assertThat(tool.getAttributes().get(AttributeKey.doubleKey("tool.duration_ms"))).isNotNull()
				.isGreaterThanOrEqualTo(0.0);
			assertThat(attr(tool, "gen_ai.operation.name")).isEqualTo("execute_tool");
			assertThat(attr(tool, "gen_ai.tool.name")).isEqualTo("searchFlights");
			assertThat(attr(tool, "cascade.agent_name")).isEqualTo("PlannerAgent");
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
			assertThat(tool.getParentSpanId()).isEqualTo(span(exporter, "PlannerAgent").getSpanId());
		});
	}

	@Test
	void toolNameComesFromTheAnnotationWhenGiven() {
		this.contextRunner.run((context) -> {
			context.getBean(FlightTools.class).book("F1");
			SpanData tool = span(context.getBean(InMemorySpanExporter.class), "BookFlight");
			assertThat(attr(tool, "tool.name")).isEqualTo("BookFlight");
			assertThat(attr(tool, "tool.output")).isEqualTo("{\"flightId\":\"F1\",\"status\":\"confirmed\"}");
		});
	}

	@Test
	void toolErrorIsRecordedAndRethrownUnchanged() {
		this.contextRunner.run((context) -> {
			FlightTools tools = context.getBean(FlightTools.class);
			assertThatThrownBy(() -> tools.failing("x")).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("no such flight: x");
			SpanData tool = span(context.getBean(InMemorySpanExporter.class), "failing");
			assertThat(attr(tool, "tool.error")).isEqualTo("IllegalArgumentException: no such flight: x");
			assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(tool.getEvents()).singleElement().satisfies((event) -> {
				assertThat(event.getName()).isEqualTo("exception");
				assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
					.contains("FlightTools.failing");
			});
			assertThat(attr(tool, "tool.output")).isNull();
		});
	}

	@Test
	void functionIsTracedWithItsOwnAttributesAsAChildOfTheTool() {
		this.contextRunner.run((context) -> {
			context.getBean(FlightTools.class).fetchAndParse("raw:42");
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SpanData function = span(exporter, "parse_response");
			assertThat(attr(function, "cascade.span_type")).isEqualTo("function");
			assertThat(attr(function, "function.name")).isEqualTo("parse_response");
			assertThat(attr(function, "function.input")).isEqualTo("{\"raw\":\"raw:42\"}");
			assertThat(attr(function, "function.output")).isEqualTo("{\"value\":\"42\"}");
			assertThat(function.getAttributes().get(AttributeKey.doubleKey("function.duration_ms"))).isNotNull();
			assertThat(function.getParentSpanId()).isEqualTo(span(exporter, "fetchAndParse").getSpanId());
		});
	}

	@Test
	void functionErrorIsRecordedAndRethrown() {
		this.contextRunner.run((context) -> {
			Parser parser = context.getBean(Parser.class);
			assertThatThrownBy(() -> parser.parse("bad")).isInstanceOf(IllegalStateException.class);
			SpanData function = span(context.getBean(InMemorySpanExporter.class), "parse_response");
			assertThat(attr(function, "function.error")).isEqualTo("IllegalStateException: cannot parse bad");
			assertThat(function.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		});
	}

	@Test
	void completableFutureToolEndsWhenTheFutureCompletes() {
		this.contextRunner.run((context) -> {
			FlightTools tools = context.getBean(FlightTools.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> returned = tools.later(pending);
			assertThat(returned).isSameAs(pending);
			assertThat(InMemoryTracing.names(exporter)).doesNotContain("later");
			pending.complete("arrived");
			assertThat(attr(span(exporter, "later"), "tool.output")).isEqualTo("arrived");
		});
	}

	@Test
	void failedFutureRecordsTheError() {
		this.contextRunner.run((context) -> {
			FlightTools tools = context.getBean(FlightTools.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			tools.later(pending);
			pending.completeExceptionally(new IllegalStateException("late failure"));
			SpanData span = span(context.getBean(InMemorySpanExporter.class), "later");
			assertThat(attr(span, "tool.error")).isEqualTo("IllegalStateException: late failure");
		});
	}

	@Test
	void monoToolEndsOnSubscriptionResult() {
		this.contextRunner.run((context) -> {
			FlightTools tools = context.getBean(FlightTools.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			Mono<String> mono = tools.quote("NRT");
			assertThat(InMemoryTracing.names(exporter)).doesNotContain("quote");
			assertThat(mono.block()).isEqualTo("quote for NRT");
			assertThat(attr(span(exporter, "quote"), "tool.output")).isEqualTo("quote for NRT");
		});
	}

	@Test
	void fluxToolRecordsTheElementsWhenComplete() {
		this.contextRunner.run((context) -> {
			FlightTools tools = context.getBean(FlightTools.class);
			assertThat(tools.seats().collectList().block(java.time.Duration.ofSeconds(5))).containsExactly("1A", "1B");
			SpanData span = span(context.getBean(InMemorySpanExporter.class), "seats");
			assertThat(attr(span, "tool.output")).isEqualTo("[\"1A\",\"1B\"]");
		});
	}

	@Test
	void springAiToolBeansAreLeftToSpringAiAndNeverProxied() {
		this.contextRunner.run((context) -> {
			SpringAiOnlyTools tools = context.getBean(SpringAiOnlyTools.class);
			assertThat(org.springframework.aop.support.AopUtils.isAopProxy(tools)).isFalse();
			assertThat(tools.weather("Paris")).isEqualTo("sunny in Paris");
			assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).isEmpty();
		});
	}

	@Test
	void aMethodWithBothToolAnnotationsGetsOneSpan() {
		this.contextRunner.run((context) -> {
			context.getBean(WeatherTools.class).both("x");
			assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).containsExactly("both_cascade");
		});
	}

	@Test
	void captureContentOffRecordsNoInputOrOutput() {
		this.contextRunner.withPropertyValues("cascade.capture-content=false").run((context) -> {
			context.getBean(FlightTools.class).searchFlights("JFK", "NRT", 1);
			SpanData tool = span(context.getBean(InMemorySpanExporter.class), "searchFlights");
			assertThat(attr(tool, "tool.input")).isNull();
			assertThat(attr(tool, "tool.output")).isNull();
			assertThat(attr(tool, "tool.name")).isEqualTo("searchFlights");
		});
	}

	@Test
	void anUnserializableResultBecomesAPlaceholderAndTheCallerGetsTheRealValue() {
		this.contextRunner.run((context) -> {
			Object result = context.getBean(FlightTools.class).weird();
			assertThat(result).isInstanceOf(Weird.class);
			assertThat(attr(span(context.getBean(InMemorySpanExporter.class), "weird"), "tool.output"))
				.startsWith("<unserializable");
		});
	}

	@Test
	void longOutputIsCutToTheConfiguredLength() {
		this.contextRunner.withPropertyValues("cascade.max-attribute-length=32B").run((context) -> {
			context.getBean(FlightTools.class).echo("y".repeat(100));
			String output = attr(span(context.getBean(InMemorySpanExporter.class), "echo"), "tool.output");
			assertThat(output).isEqualTo("y".repeat(32) + "...[truncated by Cascade, original length 100 chars]");
		});
	}

	@Test
	void aBeanNamedCascadeToolAdvisorReplacesOurs() {
		this.contextRunner.withBean("cascadeToolAdvisor", Object.class, Object::new).run((context) -> {
			assertThat(context.getBean("cascadeToolAdvisor")).isNotInstanceOf(CascadeToolAdvisor.class);
			context.getBean(FlightTools.class).searchFlights("JFK", "NRT", 1);
			assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).isEmpty();
		});
	}

	@Test
	void theAdvisorTracesEachCallOnce() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("cascadeToolAdvisor");
			context.getBean(FlightTools.class).searchFlights("JFK", "NRT", 1);
			assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).containsExactly("searchFlights");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ToolsConfiguration {

		@Bean
		Parser parser() {
			return new Parser();
		}

		@Bean
		FlightTools flightTools(Parser parser) {
			return new FlightTools(parser);
		}

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		SpringAiOnlyTools springAiOnlyTools() {
			return new SpringAiOnlyTools();
		}

	}

	static class FlightTools {

		private final Parser parser;

		FlightTools(Parser parser) {
			this.parser = parser;
		}

		@Tool(description = "Search available flights.")
		public List<String> searchFlights(String origin, String destination, int limit) {
			return java.util.stream.IntStream.range(0, limit).mapToObj((i) -> origin + "-" + destination + "-" + i).toList();
		}

		@Tool(name = "BookFlight")
		public Map<String, String> book(String flightId) {
			return new java.util.TreeMap<>(Map.of("flightId", flightId, "status", "confirmed"));
		}

		@Tool
		public String failing(String flightId) {
			throw new IllegalArgumentException("no such flight: " + flightId);
		}

		@Tool
		public Map<String, String> fetchAndParse(String url) {
			return this.parser.parse(url);
		}

		@Tool
		public CompletableFuture<String> later(CompletableFuture<String> future) {
			return future;
		}

		@Tool
		public Mono<String> quote(String destination) {
			return Mono.fromSupplier(() -> "quote for " + destination).delayElement(java.time.Duration.ofMillis(5));
		}

		@Tool
		public Flux<String> seats() {
			return Flux.just("1A", "1B");
		}

		@Tool
		public Object weird() {
			return new Weird();
		}

		@Tool
		public String echo(String text) {
			return text;
		}

	}

	static class Parser {

		@Function(name = "parse_response")
		public Map<String, String> parse(String raw) {
			if (!raw.startsWith("raw:")) {
				throw new IllegalStateException("cannot parse " + raw);
			}
			return Map.of("value", raw.substring(4));
		}

	}

	static class WeatherTools {

		@Tool(name = "both_cascade")
		@org.springframework.ai.tool.annotation.Tool(name = "both_spring")
		public String both(String value) {
			return value;
		}

	}

	static class SpringAiOnlyTools {

		@org.springframework.ai.tool.annotation.Tool(name = "current_weather", description = "Current weather of a city")
		public String weather(String city) {
			return "sunny in " + city;
		}

	}

	static class Weird {

		public Object getSelf() {
			throw new UnsupportedOperationException("nope");
		}

	}

}
