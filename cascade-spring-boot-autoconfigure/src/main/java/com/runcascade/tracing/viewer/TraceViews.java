package com.runcascade.tracing.viewer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.viewer.ViewerSpanStore.StoredTrace;

/**
 * Turns stored traces into the plain maps and lists the JSON API returns. Totals are computed here
 * from the LLM spans themselves (sum of {@code llm.input_tokens} and so on over the trace), so they
 * do not depend on any roll-up attribute. Resource attributes are never read, and attributes whose
 * name suggests a header or a credential are left out.
 */
final class TraceViews {

	static final String TYPE_SPAN = "span";

	private static final String INPUT_TOKENS = CascadeAttributes.LLM_INPUT_TOKENS.getKey();

	private static final String OUTPUT_TOKENS = CascadeAttributes.LLM_OUTPUT_TOKENS.getKey();

	private static final String COST_USD = CascadeAttributes.LLM_COST_USD.getKey();

	private static final String MODEL = CascadeAttributes.LLM_MODEL.getKey();

	private static final String[] HIDDEN_KEY_PARTS = { "header", "authorization", "cookie", "api_key", "apikey",
			"api-key", "password", "secret", "credential" };

	private TraceViews() {
	}

	/**
	 * Sessions, most recently active first, then one entry ({@code id} null) for the runs without a
	 * session when there are any.
	 */
	static Map<String, Object> sessions(ViewerSpanStore store) {
		Map<String, SessionTotals> bySession = new LinkedHashMap<>();
		SessionTotals withoutSession = new SessionTotals(null);
		for (StoredTrace trace : store.traces()) {
			Summary summary = Summary.of(trace);
			SessionTotals totals = (trace.sessionId() != null)
					? bySession.computeIfAbsent(trace.sessionId(), SessionTotals::new) : withoutSession;
			totals.add(summary);
		}
		List<SessionTotals> sessions = new ArrayList<>(bySession.values());
		sessions.sort(Comparator.comparingDouble((SessionTotals s) -> s.lastActivityMs).reversed());
		List<Map<String, Object>> list = new ArrayList<>();
		for (SessionTotals session : sessions) {
			list.add(session.toMap());
		}
		if (withoutSession.runs > 0) {
			list.add(withoutSession.toMap());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sessions", list);
		body.put("store", storeStats(store));
		return body;
	}

	/**
	 * The runs of one session in the order they started, or of every session when {@code session}
	 * is null; an empty {@code session} selects the runs without a session.
	 */
	static Map<String, Object> traces(ViewerSpanStore store, @Nullable String session) {
		List<Summary> runs = new ArrayList<>();
		SessionTotals totals = new SessionTotals(((session == null) || session.isEmpty()) ? null : session);
		for (StoredTrace trace : store.traces()) {
			if (session != null && !Objects.equals(session.isEmpty() ? null : session, trace.sessionId())) {
				continue;
			}
			Summary summary = Summary.of(trace);
			totals.add(summary);
			if (!summary.sessionEndOnly) {
				runs.add(summary);
			}
		}
		runs.sort(Comparator.comparingDouble((Summary s) -> s.startMs));
		List<Map<String, Object>> list = new ArrayList<>();
		for (Summary run : runs) {
			list.add(run.toMap());
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("session", totals.toMap());
		body.put("traces", list);
		return body;
	}

	/** One trace with every span, or null when it is not stored. */
	static @Nullable Map<String, Object> trace(ViewerSpanStore store, String traceId) {
		StoredTrace trace = store.trace(traceId);
		if (trace == null) {
			return null;
		}
		Map<String, Object> body = Summary.of(trace).toMap();
		List<SpanData> spans = new ArrayList<>(trace.spans());
		spans.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
		List<Map<String, Object>> list = new ArrayList<>(spans.size());
		for (SpanData span : spans) {
			list.add(span(span));
		}
		body.put("spans", list);
		return body;
	}

	private static Map<String, Object> storeStats(ViewerSpanStore store) {
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("traces", store.traceCount());
		stats.put("bytes", store.storedBytes());
		stats.put("maxTraces", store.maxTraces());
		stats.put("maxBytes", store.maxBytes());
		stats.put("evictedTraces", store.evictedTraces());
		stats.put("droppedSpans", store.droppedSpans());
		return stats;
	}

	private static Map<String, Object> span(SpanData span) {
		Attributes attributes = span.getAttributes();
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("spanId", span.getSpanId());
		map.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
		map.put("name", span.getName());
		map.put("type", type(span));
		map.put("kind", span.getKind().name());
		map.put("startMs", millis(span.getStartEpochNanos()));
		map.put("durationMs", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0);
		map.put("status", span.getStatus().getStatusCode().name());
		map.put("statusMessage", emptyToNull(span.getStatus().getDescription()));
		map.put("agent", string(attributes, CascadeAttributes.AGENT_NAME.getKey()));
		map.put("model", string(attributes, MODEL));
		map.put("inputTokens", number(attributes, INPUT_TOKENS));
		map.put("outputTokens", number(attributes, OUTPUT_TOKENS));
		map.put("costUsd", number(attributes, COST_USD));
		map.put("scope", span.getInstrumentationScopeInfo().getName());
		map.put("attributes", attributes(attributes));
		List<Map<String, Object>> events = new ArrayList<>();
		for (EventData event : span.getEvents()) {
			Map<String, Object> e = new LinkedHashMap<>();
			e.put("name", event.getName());
			e.put("timeMs", millis(event.getEpochNanos()));
			e.put("attributes", attributes(event.getAttributes()));
			events.add(e);
		}
		map.put("events", events);
		return map;
	}

	private static Map<String, Object> attributes(Attributes attributes) {
		Map<String, Object> map = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			if (!isHidden(key.getKey())) {
				map.put(key.getKey(), value);
			}
		});
		return map;
	}

	static boolean isHidden(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		for (String part : HIDDEN_KEY_PARTS) {
			if (lower.contains(part)) {
				return true;
			}
		}
		return false;
	}

	static String type(SpanData span) {
		String type = string(span.getAttributes(), CascadeAttributes.SPAN_TYPE.getKey());
		return (type != null) ? type : TYPE_SPAN;
	}

	private static double millis(long epochNanos) {
		return epochNanos / 1_000_000.0;
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	private static @Nullable String string(Attributes attributes, String key) {
		return attributes.get(AttributeKey.stringKey(key));
	}

	/** A number attribute whatever type it was written with. */
	static @Nullable Number number(Attributes attributes, String key) {
		Long asLong = attributes.get(AttributeKey.longKey(key));
		if (asLong != null) {
			return asLong;
		}
		Double asDouble = attributes.get(AttributeKey.doubleKey(key));
		if (asDouble != null) {
			// NaN and infinities have no JSON form.
			return Double.isFinite(asDouble) ? asDouble : null;
		}
		String asString = attributes.get(AttributeKey.stringKey(key));
		if (asString != null) {
			try {
				double parsed = Double.parseDouble(asString);
				return Double.isFinite(parsed) ? parsed : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** What a list of runs shows about one trace. */
	static final class Summary {

		final String traceId;

		final @Nullable String sessionId;

		String name = "";

		String type = TYPE_SPAN;

		@Nullable String runSpanId;

		double startMs = Double.MAX_VALUE;

		double endMs;

		int spans;

		int llmCalls;

		int toolCalls;

		long inputTokens;

		long outputTokens;

		double costUsd;

		int errors;

		/** Whether the outermost span of the run has ended (else the run is still going). */
		boolean complete;

		boolean sessionEndOnly = true;

		final Set<String> agents = new LinkedHashSet<>();

		final Set<String> models = new LinkedHashSet<>();

		private Summary(String traceId, @Nullable String sessionId) {
			this.traceId = traceId;
			this.sessionId = sessionId;
		}

		static Summary of(StoredTrace trace) {
			Summary summary = new Summary(trace.traceId(), trace.sessionId());
			List<SpanData> spans = new ArrayList<>(trace.spans());
			spans.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
			Map<String, SpanData> byId = new HashMap<>();
			for (SpanData span : spans) {
				byId.put(span.getSpanId(), span);
			}
			SpanData run = byId.get(trace.firstSpanId());
			for (SpanData span : spans) {
				summary.add(span);
				if (run == null && !TYPE_SPAN.equals(type(span)) && !hasCascadeAncestor(span, byId)) {
					run = span;
				}
			}
			SpanData named = (run != null) ? run : (spans.isEmpty() ? null : spans.get(0));
			if (run != null) {
				summary.runSpanId = run.getSpanId();
			}
			if (named != null) {
				summary.name = named.getName();
				summary.type = type(named);
			}
			// Spans are stored when they end: the run is over once its first Cascade span is stored.
			summary.complete = byId.containsKey(trace.firstSpanId());
			return summary;
		}

		private static boolean hasCascadeAncestor(SpanData span, Map<String, SpanData> byId) {
			SpanData parent = byId.get(span.getParentSpanId());
			int depth = 0;
			while (parent != null && depth++ < 1000) {
				if (!TYPE_SPAN.equals(type(parent))) {
					return true;
				}
				parent = byId.get(parent.getParentSpanId());
			}
			return false;
		}

		private void add(SpanData span) {
			this.spans++;
			this.startMs = Math.min(this.startMs, millis(span.getStartEpochNanos()));
			this.endMs = Math.max(this.endMs, millis(span.getEndEpochNanos()));
			if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
				this.errors++;
			}
			String type = type(span);
			if (!TYPE_SPAN.equals(type) && !CascadeAttributes.TYPE_SESSION_END.equals(type)) {
				this.sessionEndOnly = false;
			}
			Attributes attributes = span.getAttributes();
			if (CascadeAttributes.TYPE_LLM.equals(type)) {
				this.llmCalls++;
				this.inputTokens += longValue(number(attributes, INPUT_TOKENS));
				this.outputTokens += longValue(number(attributes, OUTPUT_TOKENS));
				Number cost = number(attributes, COST_USD);
				this.costUsd += (cost != null) ? cost.doubleValue() : 0;
				String model = string(attributes, MODEL);
				if (model != null) {
					this.models.add(model);
				}
			}
			else if (CascadeAttributes.TYPE_TOOL.equals(type)) {
				this.toolCalls++;
			}
			else if (CascadeAttributes.TYPE_AGENT.equals(type)) {
				this.agents.add(span.getName());
			}
		}

		private static long longValue(@Nullable Number number) {
			return (number != null) ? number.longValue() : 0;
		}

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("traceId", this.traceId);
			map.put("sessionId", this.sessionId);
			map.put("name", this.name);
			map.put("type", this.type);
			map.put("runSpanId", this.runSpanId);
			map.put("startMs", (this.spans > 0) ? this.startMs : 0);
			map.put("endMs", this.endMs);
			map.put("durationMs", (this.spans > 0) ? this.endMs - this.startMs : 0);
			map.put("spans", this.spans);
			map.put("llmCalls", this.llmCalls);
			map.put("toolCalls", this.toolCalls);
			map.put("inputTokens", this.inputTokens);
			map.put("outputTokens", this.outputTokens);
			map.put("costUsd", this.costUsd);
			map.put("errors", this.errors);
			map.put("agents", List.copyOf(this.agents));
			map.put("models", List.copyOf(this.models));
			map.put("complete", this.complete);
			return map;
		}

	}

	/** Totals of the runs of one session. */
	private static final class SessionTotals {

		final @Nullable String id;

		int runs;

		double firstStartMs = Double.MAX_VALUE;

		double lastActivityMs;

		long inputTokens;

		long outputTokens;

		double costUsd;

		int errors;

		int llmCalls;

		int toolCalls;

		boolean ended;

		SessionTotals(@Nullable String id) {
			this.id = id;
		}

		void add(Summary run) {
			if (run.spans == 0) {
				return;
			}
			this.lastActivityMs = Math.max(this.lastActivityMs, run.endMs);
			if (run.sessionEndOnly) {
				this.ended = true;
				return;
			}
			this.runs++;
			this.firstStartMs = Math.min(this.firstStartMs, run.startMs);
			this.inputTokens += run.inputTokens;
			this.outputTokens += run.outputTokens;
			this.costUsd += run.costUsd;
			this.errors += run.errors;
			this.llmCalls += run.llmCalls;
			this.toolCalls += run.toolCalls;
		}

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("id", this.id);
			map.put("runs", this.runs);
			map.put("firstStartMs", (this.runs > 0) ? this.firstStartMs : null);
			map.put("lastActivityMs", (this.lastActivityMs > 0) ? this.lastActivityMs : null);
			map.put("inputTokens", this.inputTokens);
			map.put("outputTokens", this.outputTokens);
			map.put("costUsd", this.costUsd);
			map.put("llmCalls", this.llmCalls);
			map.put("toolCalls", this.toolCalls);
			map.put("errors", this.errors);
			map.put("ended", this.ended);
			return map;
		}

	}

}
