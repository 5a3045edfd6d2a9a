package com.runcascade.tracing.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.SpanContexts;
import com.runcascade.tracing.support.AttributeKeys;
import com.runcascade.tracing.support.UsageRollup;

/**
 * Starts Cascade LLM spans for every integration (Spring AI advisor, SDK client proxies), so each
 * records the same attributes, cost and metrics.
 *
 * <p>
 * Exactly once: a call made while another Cascade LLM span is current (an advisor around a model
 * whose SDK client is also wrapped) gets no second span; the outermost layer records it.
 */
public final class LlmTracing {

	private static final Log logger = LogFactory.getLog(LlmTracing.class);

	private static final ContextKey<LlmCall> ACTIVE_CALL = ContextKey.named("cascade-llm-call");

	private final CascadeTracer tracer;

	private final ModelPricing pricing;

	private final LlmMetrics metrics;

	public LlmTracing(CascadeTracer tracer, ModelPricing pricing, LlmMetrics metrics) {
		this.tracer = tracer;
		this.pricing = pricing;
		this.metrics = metrics;
	}

	/**
	 * Whether a Cascade LLM span is current in a context.
	 * @param context the context
	 * @return whether a call is being recorded
	 */
	public static boolean isRecording(Context context) {
		return context.get(ACTIVE_CALL) != null;
	}

	/**
	 * The Cascade LLM call current in a context, for layers that need to tell it something (such
	 * as {@link LlmCall#markUsageReportedElsewhere(String)}).
	 * @param context the context
	 * @return the call, or {@code null} when none is being recorded
	 */
	public static @Nullable LlmCall current(Context context) {
		return context.get(ACTIVE_CALL);
	}

	/**
	 * Start an LLM span as a child of the current context. Make {@link LlmCall#context()} current
	 * while the provider is called, so inner layers see it.
	 * @param request the request
	 * @return the call, or {@code null} when a Cascade LLM span is already current or tracing failed
	 */
	public @Nullable LlmCall start(LlmRequest request) {
		return start(request, Context.current());
	}

	/**
	 * Start an LLM span as a child of a given context, for integrations that learn the parent from
	 * somewhere other than the current thread (a Micrometer observation's parent, say).
	 * @param request the request
	 * @param parent the context the call runs in
	 * @return the call, or {@code null} when a Cascade LLM span is already current in
	 * {@code parent} or tracing failed
	 */
	public @Nullable LlmCall start(LlmRequest request, Context parent) {
		if (isRecording(parent)) {
			return null;
		}
		try {
			UsageRollup.hintIfOutsideRun(parent, "an LLM call");
			ContentFormatter formatter = this.tracer.contentFormatter();
			SpanBuilder builder = this.tracer.otelTracer()
				.spanBuilder("llm." + request.model())
				.setParent(parent)
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute(AttributeKeys.SPAN_TYPE, CascadeAttributes.TYPE_LLM)
				.setAttribute(LlmAttributes.MODEL, request.model())
				.setAttribute(LlmAttributes.PROVIDER, request.provider())
				.setAttribute(LlmAttributes.STREAMING, request.streaming())
				.setAttribute(LlmAttributes.GEN_AI_OPERATION_NAME, "chat")
				.setAttribute(LlmAttributes.GEN_AI_PROVIDER_NAME, request.provider())
				.setAttribute(LlmAttributes.GEN_AI_REQUEST_MODEL, request.model());
			if (request.maxTokens() != null) {
				builder.setAttribute(LlmAttributes.MAX_TOKENS, request.maxTokens());
				builder.setAttribute(LlmAttributes.GEN_AI_REQUEST_MAX_TOKENS, request.maxTokens());
			}
			if (request.temperature() != null) {
				builder.setAttribute(LlmAttributes.TEMPERATURE, request.temperature());
				builder.setAttribute(LlmAttributes.GEN_AI_REQUEST_TEMPERATURE, request.temperature());
			}
			if (request.topP() != null) {
				builder.setAttribute(LlmAttributes.TOP_P, request.topP());
				builder.setAttribute(LlmAttributes.GEN_AI_REQUEST_TOP_P, request.topP());
			}
			if (formatter.captureContent()) {
				addContent(builder, request.messages(), formatter);
			}
			if (!request.tools().isEmpty()) {
				builder.setAttribute(LlmAttributes.TOOLS, toolsJson(request.tools(), formatter));
			}
			Span span = builder.startSpan();
			LlmCall call = new LlmCall(span, request, this, parent, System.nanoTime());
			call.bindContext(SpanContexts.withSpan(parent, span).with(ACTIVE_CALL, call));
			return call;
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not start an LLM span for " + request.model() + "; the call runs untraced", ex);
			return null;
		}
	}

	private static void addContent(SpanBuilder builder, List<LlmMessage> messages, ContentFormatter formatter) {
		String system = joinContent(messages, LlmMessage.SYSTEM);
		if (system != null) {
			builder.setAttribute(LlmAttributes.SYSTEM_MESSAGE, formatter.truncate(system));
		}
		String prompt = joinContent(messages, LlmMessage.USER);
		if (prompt != null) {
			builder.setAttribute(LlmAttributes.PROMPT, formatter.truncate(prompt));
		}
		builder.setAttribute(LlmAttributes.MESSAGES, formatter.toJson(messages));
	}

	/** The tools offered, as {@code [{"name", "description"}]}; names only when content is not captured. */
	private static String toolsJson(List<LlmTool> tools, ContentFormatter formatter) {
		List<Map<String, String>> described = new ArrayList<>(tools.size());
		for (LlmTool tool : tools) {
			Map<String, String> entry = new LinkedHashMap<>(4);
			entry.put("name", tool.name());
			if (formatter.captureContent() && tool.description() != null) {
				entry.put("description", tool.description());
			}
			described.add(entry);
		}
		return formatter.toJson(described);
	}

	private static @Nullable String joinContent(List<LlmMessage> messages, String role) {
		StringBuilder joined = null;
		for (LlmMessage message : messages) {
			if (role.equals(message.role())) {
				joined = (joined == null) ? new StringBuilder() : joined.append("\n\n");
				joined.append(message.content());
			}
		}
		return (joined != null) ? joined.toString() : null;
	}

	/**
	 * Whether prompts and completions are recorded, so integrations can skip building them.
	 * @return whether content is captured
	 */
	public boolean capturesContent() {
		return this.tracer.contentFormatter().captureContent();
	}

	Scope makeCurrent(Context context) {
		return this.tracer.makeCurrent(context);
	}

	ContentFormatter formatter() {
		return this.tracer.contentFormatter();
	}

	ModelPricing pricing() {
		return this.pricing;
	}

	LlmMetrics metrics() {
		return this.metrics;
	}

	/** Attribute keys of the LLM span. */
	static final class LlmAttributes {

		static final AttributeKey<String> MODEL = AttributeKey.stringKey("llm.model");

		static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("llm.provider");

		static final AttributeKey<String> PROMPT = AttributeKey.stringKey("llm.prompt");

		static final AttributeKey<String> SYSTEM_MESSAGE = AttributeKey.stringKey("llm.system_message");

		static final AttributeKey<String> MESSAGES = AttributeKey.stringKey("llm.messages");

		static final AttributeKey<String> TOOLS = AttributeKey.stringKey(CascadeAttributes.LLM_TOOLS);

		static final AttributeKey<String> COMPLETION = AttributeKey.stringKey("llm.completion");

		static final AttributeKey<String> REASONING = AttributeKey.stringKey("llm.reasoning");

		static final AttributeKey<Long> REASONING_TOKENS = AttributeKey.longKey("llm.reasoning_tokens");

		static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("llm.input_tokens");

		static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("llm.output_tokens");

		static final AttributeKey<Long> TOTAL_TOKENS = AttributeKey.longKey("llm.total_tokens");

		static final AttributeKey<Boolean> USAGE_REPORTED = AttributeKey.booleanKey("llm.usage_reported");

		static final AttributeKey<String> USAGE_REPORTED_BY = AttributeKey.stringKey("llm.usage_reported_by");

		static final AttributeKey<Boolean> STREAM_CLOSED_EARLY = AttributeKey.booleanKey("llm.stream_closed_early");

		static final AttributeKey<Double> LATENCY_MS = AttributeKey.doubleKey("llm.latency_ms");

		static final AttributeKey<Double> TIME_TO_FIRST_TOKEN_MS = AttributeKey
			.doubleKey("llm.time_to_first_token_ms");

		static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("llm.cost_usd");

		static final AttributeKey<Boolean> STREAMING = AttributeKey.booleanKey("llm.streaming");

		static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("llm.max_tokens");

		static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("llm.temperature");

		static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("llm.top_p");

		static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

		static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

		static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

		static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

		static final AttributeKey<String> GEN_AI_RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

		static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS = AttributeKey
			.stringArrayKey("gen_ai.response.finish_reasons");

		static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");

		static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = AttributeKey
			.doubleKey("gen_ai.request.temperature");

		static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");

		static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

		static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = AttributeKey
			.longKey("gen_ai.usage.output_tokens");

		static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = AttributeKey
			.longKey("gen_ai.usage.reasoning.output_tokens");

		static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ = AttributeKey
			.longKey("gen_ai.usage.cache_read.input_tokens");

		static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION = AttributeKey
			.longKey("gen_ai.usage.cache_creation.input_tokens");

		private LlmAttributes() {
		}

	}

}
