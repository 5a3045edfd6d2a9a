package com.runcascade.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

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
 * Prints the traces an {@link OtlpReceiver} receives as indented trees. An exporter sends a trace
 * in several batches, children usually first, so spans wait here until their trace's root span
 * (one without a parent) arrives, or until the trace has been quiet for {@link #QUIET}; a span whose
 * parent never arrived is then shown as a root, marked {@code ↳}. At most {@link #MAX_PENDING_SPANS}
 * spans wait: past that the oldest trace is printed as it stands.
 */
final class TraceTrees implements Consumer<ExportTraceServiceRequest> {

	static final Duration QUIET = Duration.ofSeconds(2);

	static final int MAX_PENDING_SPANS = 10_000;

	private static final String SPAN_TYPE = "cascade.span_type";

	private final Consumer<String> out;

	/** Traces waiting for their root, oldest first; guarded by this. */
	private final LinkedHashMap<ByteString, Pending> pending = new LinkedHashMap<>();

	private int pendingSpans;

	TraceTrees(Consumer<String> out) {
		this.out = out;
	}

	@Override
	public synchronized void accept(ExportTraceServiceRequest request) {
		long now = System.nanoTime();
		Set<ByteString> rooted = new HashSet<>();
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			String service = attribute(resourceSpans.getResource(), "service.name");
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					Pending trace = this.pending.computeIfAbsent(span.getTraceId(), (id) -> new Pending());
					trace.entries.add(new Entry(span, service));
					trace.lastNanos = now;
					this.pendingSpans++;
					if (span.getParentSpanId().isEmpty()) {
						rooted.add(span.getTraceId());
					}
				}
			}
		}
		rooted.forEach(this::print);
		while (this.pendingSpans > MAX_PENDING_SPANS && !this.pending.isEmpty()) {
			print(this.pending.keySet().iterator().next());
		}
	}

	/** Print the traces quiet for {@link #QUIET} (their root never came, or came from elsewhere). */
	synchronized void flushQuiet(long nowNanos) {
		List<ByteString> quiet = new ArrayList<>();
		this.pending.forEach((id, trace) -> {
			if (nowNanos - trace.lastNanos >= QUIET.toNanos()) {
				quiet.add(id);
			}
		});
		quiet.forEach(this::print);
	}

	synchronized void flushAll() {
		new ArrayList<>(this.pending.keySet()).forEach(this::print);
	}

	private void print(ByteString traceId) {
		Pending trace = this.pending.remove(traceId);
		if (trace != null) {
			this.pendingSpans -= trace.entries.size();
			this.out.accept(render(traceId, trace.entries));
		}
	}

	static String render(ByteString traceId, List<Entry> entries) {
		StringBuilder out = new StringBuilder();
		Set<ByteString> ids = new HashSet<>();
		entries.forEach((entry) -> ids.add(entry.span().getSpanId()));
		out.append("trace ").append(hex(traceId)).append(" (").append(entries.get(0).service()).append(", ")
			.append(entries.size()).append(entries.size() == 1 ? " span)" : " spans)").append('\n');
		List<Entry> sorted = new ArrayList<>(entries);
		sorted.sort((a, b) -> Long.compare(a.span().getStartTimeUnixNano(), b.span().getStartTimeUnixNano()));
		for (Entry entry : sorted) {
			ByteString parent = entry.span().getParentSpanId();
			if (!ids.contains(parent)) {
				append(out, entry.span(), sorted, 1, !parent.isEmpty());
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

	record Entry(Span span, String service) {

	}

	private static final class Pending {

		final List<Entry> entries = new ArrayList<>();

		long lastNanos;

	}

}
