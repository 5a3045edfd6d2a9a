package com.runcascade.tracing.springai;

import java.util.Comparator;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import com.runcascade.tracing.CascadeAttributes;

/** Reads the spans a test recorded. */
final class Spans {

	static final AttributeKey<String> SPAN_TYPE = CascadeAttributes.SPAN_TYPE;

	private Spans() {
	}

	/** Spans of one Cascade type, in start order. */
	static List<SpanData> ofType(InMemorySpanExporter exporter, String type) {
		return exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> type.equals(span.getAttributes().get(SPAN_TYPE)))
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
	}

	static SpanData named(InMemorySpanExporter exporter, String name) {
		return exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No span named " + name + " in " + names(exporter)));
	}

	static List<String> names(InMemorySpanExporter exporter) {
		return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
	}

	/** Every span as {@code name(type) id <- parentId}, in start order, to explain a failed assertion. */
	static String tree(InMemorySpanExporter exporter) {
		StringBuilder tree = new StringBuilder("\n");
		exporter.getFinishedSpanItems()
			.stream()
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.forEach((span) -> tree.append(span.getName())
				.append('(')
				.append(span.getAttributes().get(SPAN_TYPE))
				.append(") ")
				.append(span.getTraceId(), 0, 6)
				.append('/')
				.append(span.getSpanId())
				.append(" <- ")
				.append(span.getParentSpanId())
				.append('\n'));
		return tree.toString();
	}

	/** Whether {@code descendant} sits somewhere below {@code ancestor}. */
	static boolean isDescendant(InMemorySpanExporter exporter, SpanData descendant, SpanData ancestor) {
		List<SpanData> all = exporter.getFinishedSpanItems();
		SpanData current = descendant;
		while (current != null && current.getParentSpanContext().isValid()) {
			String parentId = current.getParentSpanId();
			if (parentId.equals(ancestor.getSpanId())) {
				return true;
			}
			current = all.stream().filter((span) -> span.getSpanId().equals(parentId)).findFirst().orElse(null);
		}
		return false;
	}

	/**
	 * Sum an attribute over all spans, as a tool that adds up {@code gen_ai.usage.*} would: Cascade
	 * writes numbers, Micrometer Tracing (Spring AI's observations) writes numbers as strings.
	 */
	static long sum(InMemorySpanExporter exporter, String key) {
		return exporter.getFinishedSpanItems()
			.stream()
			.flatMap((span) -> span.getAttributes().asMap().entrySet().stream())
			.filter((entry) -> entry.getKey().getKey().equals(key))
			.map((entry) -> Long.parseLong(String.valueOf(entry.getValue())))
			.mapToLong(Long::longValue)
			.sum();
	}

}
