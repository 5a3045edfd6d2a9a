package com.runcascade.sample;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "sample.run-on-startup=false")
class TravelAgentTests {

	@Autowired
	private TravelAgent agent;

	@Autowired
	private InMemorySpanExporter exporter;

	@Test
	void theFullExampleProducesTheRunAgentToolAndFunctionTree() {
		assertThat(this.agent.plan("JFK", "NRT", "2026-12-04")).startsWith("Booked CA-JFK-NRT-1");
		Map<String, SpanData> spans = this.exporter.getFinishedSpanItems()
			.stream()
			.collect(Collectors.toMap(SpanData::getName, Function.identity()));
		assertThat(spans).containsOnlyKeys("TravelAgent", "PlannerAgent", "ExecutorAgent", "searchFlights", "BookFlight",
				"formatConfirmation");
		assertThat(parentOf(spans, "PlannerAgent")).isEqualTo("TravelAgent");
		assertThat(parentOf(spans, "ExecutorAgent")).isEqualTo("TravelAgent");
		assertThat(parentOf(spans, "searchFlights")).isEqualTo("PlannerAgent");
		assertThat(parentOf(spans, "BookFlight")).isEqualTo("ExecutorAgent");
		assertThat(parentOf(spans, "formatConfirmation")).isEqualTo("ExecutorAgent");
		assertThat(attr(spans.get("searchFlights"), "cascade.span_type")).isEqualTo("tool");
		assertThat(attr(spans.get("searchFlights"), "cascade.agent_name")).isEqualTo("PlannerAgent");
		assertThat(attr(spans.get("searchFlights"), "tool.input"))
			.isEqualTo("{\"origin\":\"JFK\",\"destination\":\"NRT\",\"date\":\"2026-12-04\"}");
		assertThat(attr(spans.get("formatConfirmation"), "cascade.span_type")).isEqualTo("function");
		assertThat(attr(spans.get("TravelAgent"), "cascade.origin")).isEqualTo("JFK");
		assertThat(spans.get("TravelAgent").getResource().getAttribute(AttributeKey.stringKey("cascade.project")))
			.isEqualTo("travel-agent-sample");
	}

	private static String parentOf(Map<String, SpanData> spans, String name) {
		String parentId = spans.get(name).getParentSpanId();
		return spans.values()
			.stream()
			.filter((span) -> span.getSpanId().equals(parentId))
			.map(SpanData::getName)
			.findFirst()
			.orElse("<none>");
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemoryExport {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		SpanProcessor inMemorySpanProcessor(InMemorySpanExporter exporter) {
			return SimpleSpanProcessor.create(exporter);
		}

	}

}
