package com.runcascade.tracing.springai;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import com.runcascade.tracing.CascadeAttributes;

/** Reads the spans a test recorded. */
final class Spans {

	static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey(CascadeAttributes.SPAN_TYPE);

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

	static long sum(InMemorySpanExporter exporter, AttributeKey<Long> key) {
		return exporter.getFinishedSpanItems()
			.stream()
			.map((span) -> span.getAttributes().get(key))
			.filter(Objects::nonNull)
			.mapToLong(Long::longValue)
			.sum();
	}

}
