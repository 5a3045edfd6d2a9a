package com.runcascade.compatibility;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import org.jspecify.annotations.Nullable;

/**
 * The spans the OTLP receiver got for one request, with the questions the matrix asks of them.
 * Traces of the actuator's own requests (a Prometheus scrape) are left out.
 */
final class Spans {

	static final String TYPE = "cascade.span_type";

	static final String SESSION = "cascade.session_id";

	final List<Span> all;

	private final Map<String, Span> byId;

	Spans(List<Span> received) {
		Set<String> actuatorTraces = received.stream()
			.filter((span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
			.filter((span) -> span.getAttributesList()
				.stream()
				.anyMatch((kv) -> kv.getValue().getStringValue().contains("/actuator")))
			.map(Spans::traceId)
			.collect(Collectors.toSet());
		this.all = received.stream().filter((span) -> !actuatorTraces.contains(traceId(span))).toList();
		this.byId = this.all.stream()
			.collect(Collectors.toMap(Spans::spanId, Function.identity(), (first, second) -> first,
					LinkedHashMap::new));
	}

	List<Span> ofType(String type) {
		return this.all.stream().filter((span) -> type.equals(string(span, TYPE))).toList();
	}

	List<Span> named(String name) {
		return this.all.stream().filter((span) -> span.getName().equals(name)).toList();
	}

	/** The HTTP server spans of a request path ({@code http.url} or {@code url.path}). */
	List<Span> servers(String path) {
		return this.all.stream()
			.filter((span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
			.filter((span) -> span.getAttributesList()
				.stream()
				.anyMatch((kv) -> kv.getValue().getStringValue().equals(path)))
			.toList();
	}

	Set<String> traceIds() {
		return this.all.stream().map(Spans::traceId).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** The spans whose parent is not among these spans: the roots, if all went well one. */
	List<Span> roots() {
		return this.all.stream().filter((span) -> parent(span) == null).toList();
	}

	@Nullable Span parent(Span span) {
		return span.getParentSpanId().isEmpty() ? null : this.byId.get(hex(span.getParentSpanId().toByteArray()));
	}

	boolean descendsFrom(Span span, Span ancestor) {
		Span current = parent(span);
		while (current != null) {
			if (current == ancestor) {
				return true;
			}
			current = parent(current);
		}
		return false;
	}

	boolean isEmpty() {
		return this.all.isEmpty();
	}

	/** The spans as trees, one line per span, for failure messages. */
	String describe() {
		if (this.all.isEmpty()) {
			return "  (no spans)";
		}
		StringBuilder out = new StringBuilder();
		for (Span root : roots()) {
			describe(root, 1, out);
		}
		return out.toString();
	}

	private void describe(Span span, int depth, StringBuilder out) {
		out.append("  ".repeat(depth))
			.append(span.getName())
			.append(" [")
			.append(span.getKind().name().replace("SPAN_KIND_", "").toLowerCase())
			.append(", trace ")
			.append(traceId(span), 0, 8);
		String type = string(span, TYPE);
		if (type != null) {
			out.append(", type ").append(type);
		}
		String session = string(span, SESSION);
		if (session != null) {
			out.append(", session ").append(session);
		}
		if (!span.getParentSpanId().isEmpty() && parent(span) == null) {
			out.append(", parent ").append(hex(span.getParentSpanId().toByteArray()), 0, 8).append(" not received");
		}
		if (span.getLinksCount() > 0) {
			out.append(", ").append(span.getLinksCount()).append(" link(s)");
		}
		out.append("]\n");
		for (Span child : this.all) {
			if (parent(child) == span) {
				describe(child, depth + 1, out);
			}
		}
	}

	static String traceId(Span span) {
		return hex(span.getTraceId().toByteArray());
	}

	static String spanId(Span span) {
		return hex(span.getSpanId().toByteArray());
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	static Optional<AnyValue> value(Span span, String key) {
		return span.getAttributesList()
			.stream()
			.filter((kv) -> kv.getKey().equals(key))
			.map(KeyValue::getValue)
			.findFirst();
	}

	static @Nullable String string(Span span, String key) {
		return value(span, key).filter(AnyValue::hasStringValue).map(AnyValue::getStringValue).orElse(null);
	}

	/** An integer attribute, or {@code null} when absent. */
	static @Nullable Long number(Span span, String key) {
		return value(span, key).filter(AnyValue::hasIntValue).map(AnyValue::getIntValue).orElse(null);
	}

	static @Nullable Double decimal(Span span, String key) {
		return value(span, key).filter(AnyValue::hasDoubleValue).map(AnyValue::getDoubleValue).orElse(null);
	}

	static long sum(List<Span> spans, String key) {
		long sum = 0;
		for (Span span : spans) {
			Long value = number(span, key);
			sum += (value != null) ? value : 0;
		}
		return sum;
	}

	static double sumDecimal(List<Span> spans, String key) {
		double sum = 0;
		for (Span span : spans) {
			Double value = decimal(span, key);
			sum += (value != null) ? value : 0;
		}
		return sum;
	}

	static List<String> names(List<Span> spans) {
		List<String> names = new ArrayList<>();
		spans.forEach((span) -> names.add(span.getName()));
		return names;
	}

}
