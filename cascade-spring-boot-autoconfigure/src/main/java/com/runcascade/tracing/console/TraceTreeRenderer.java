package com.runcascade.tracing.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

import com.runcascade.tracing.CascadeAttributes;

/** Renders the spans of one run as an indented tree: type, name, duration, tokens, cost, errors. */
final class TraceTreeRenderer {

	private TraceTreeRenderer() {
	}

	/**
	 * Render a run and its descendants.
	 * @param root the run span
	 * @param descendants spans below it, in any order
	 * @return the tree, one line per span, ending with a newline
	 */
	static String render(SpanData root, List<SpanData> descendants) {
		Map<String, List<SpanData>> children = new HashMap<>();
		for (SpanData span : descendants) {
			children.computeIfAbsent(span.getParentSpanId(), (id) -> new ArrayList<>()).add(span);
		}
		children.values().forEach((list) -> list.sort(Comparator.comparingLong(SpanData::getStartEpochNanos)));
		StringBuilder out = new StringBuilder();
		// A root "function" span is a run (traceRun); @Function spans are never roots in practice.
		String rootType = type(root);
		boolean run = CascadeAttributes.TYPE_FUNCTION.equals(rootType);
		out.append(run ? "Cascade run " : "Cascade trace ").append(root.getName()).append(" (trace ")
			.append(root.getTraceId());
		String session = root.getAttributes().get(CascadeAttributes.SESSION_ID);
		if (session != null) {
			out.append(", session ").append(session);
		}
		out.append(")\n");
		appendLine(out, root, "", "", run ? "run" : rootType);
		appendChildren(out, root, children, "");
		return out.toString();
	}

	private static void appendChildren(StringBuilder out, SpanData parent, Map<String, List<SpanData>> children,
			String indent) {
		List<SpanData> list = children.getOrDefault(parent.getSpanId(), List.of());
		for (int i = 0; i < list.size(); i++) {
			boolean last = i == list.size() - 1;
			SpanData child = list.get(i);
			appendLine(out, child, indent, last ? "└─ " : "├─ ", type(child));
			appendChildren(out, child, children, indent + (last ? "   " : "│  "));
		}
	}

	private static void appendLine(StringBuilder out, SpanData span, String indent, String branch, String type) {
		out.append(indent).append(branch).append('[').append(type).append("] ").append(span.getName());
		double millis = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0;
		out.append("  ").append(String.format(Locale.ROOT, "%.1f ms", millis));
		Long input = span.getAttributes().get(CascadeAttributes.LLM_INPUT_TOKENS);
		Long output = span.getAttributes().get(CascadeAttributes.LLM_OUTPUT_TOKENS);
		if (input != null || output != null) {
			out.append("  tokens ").append((input != null) ? input : "?").append(" in / ")
				.append((output != null) ? output : "?").append(" out");
		}
		Double cost = span.getAttributes().get(CascadeAttributes.LLM_COST_USD);
		if (cost != null) {
			out.append(String.format(Locale.ROOT, "  $%.6f", cost));
		}
		if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
			out.append("  ERROR ").append(span.getStatus().getDescription());
		}
		out.append('\n');
	}

	private static String type(SpanData span) {
		String type = span.getAttributes().get(CascadeAttributes.SPAN_TYPE);
		return (type != null) ? type : "span";
	}

}
