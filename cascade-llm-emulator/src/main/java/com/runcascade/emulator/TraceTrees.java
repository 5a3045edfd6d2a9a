package com.runcascade.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * Renders the spans of one OTLP export request as indented trees, one per trace. An exporter
 * sends a trace in batches, so a span whose parent is not in this request is shown as a root,
 * marked {@code ↳} to say its parent came (or comes) in another request.
 */
final class TraceTrees {

	private static final String SPAN_TYPE = "cascade.span_type";

	private TraceTrees() {
	}

	static String render(ExportTraceServiceRequest request) {
		Map<ByteString, List<Entry>> traces = new LinkedHashMap<>();
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			String service = attribute(resourceSpans.getResource(), "service.name");
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					traces.computeIfAbsent(span.getTraceId(), (id) -> new ArrayList<>()).add(new Entry(span, service));
				}
			}
		}
		StringBuilder out = new StringBuilder();
		for (Map.Entry<ByteString, List<Entry>> trace : traces.entrySet()) {
			List<Entry> entries = trace.getValue();
			Set<ByteString> ids = new HashSet<>();
			entries.forEach((entry) -> ids.add(entry.span().getSpanId()));
			out.append("trace ").append(hex(trace.getKey())).append(" (").append(entries.get(0).service()).append(", ")
				.append(entries.size()).append(entries.size() == 1 ? " span)" : " spans)").append('\n');
			entries.sort((a, b) -> Long.compare(a.span().getStartTimeUnixNano(), b.span().getStartTimeUnixNano()));
			for (Entry entry : entries) {
				ByteString parent = entry.span().getParentSpanId();
				if (!ids.contains(parent)) {
					append(out, entry.span(), entries, 1, !parent.isEmpty());
				}
			}
		}
		return out.toString();
	}

	/** Depth-first with an explicit depth bound, so a malformed request cannot recurse without end. */
	private static void append(StringBuilder out, Span span, List<Entry> entries, int depth, boolean orphan) {
		out.append("  ".repeat(depth)).append(orphan ? "↳ " : "").append(span.getName());
		String type = attribute(span.getAttributesList(), SPAN_TYPE);
		if (!type.isEmpty()) {
			out.append(" [").append(type).append(']');
		}
		long nanos = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
		out.append(' ').append(String.format("%.1f ms", nanos / 1_000_000.0));
		if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
			out.append(" ERROR");
			if (!span.getStatus().getMessage().isEmpty()) {
				out.append(": ").append(abbreviate(span.getStatus().getMessage(), 120));
			}
		}
		out.append('\n');
		if (depth > 64) {
			return;
		}
		for (Entry child : entries) {
			if (child.span().getParentSpanId().equals(span.getSpanId()) && child.span() != span) {
				append(out, child.span(), entries, depth + 1, false);
			}
		}
	}

	private static String attribute(Resource resource, String key) {
		String value = attribute(resource.getAttributesList(), key);
		return value.isEmpty() ? "unknown service" : value;
	}

	private static String attribute(List<KeyValue> attributes, String key) {
		for (KeyValue attribute : attributes) {
			if (attribute.getKey().equals(key) && attribute.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
				return attribute.getValue().getStringValue();
			}
		}
		return "";
	}

	private static String abbreviate(String text, int max) {
		String line = text.replace('\n', ' ');
		return (line.length() <= max) ? line : line.substring(0, max - 1) + "…";
	}

	private static String hex(ByteString bytes) {
		StringBuilder hex = new StringBuilder();
		for (byte b : bytes.toByteArray()) {
			hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		}
		return hex.toString();
	}

	private record Entry(Span span, String service) {

	}

}
