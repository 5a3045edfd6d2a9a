package com.runcascade.tracing.llm;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.UsageRollup;

/**
 * Starts Cascade LLM spans for every integration (Spring AI's model observations, SDK client
 * proxies), so each records the same attributes, cost and metrics.
 *
 * <p>
 * Exactly once: a call made while another Cascade LLM span is current (a Spring AI model whose SDK
 * client is also wrapped) gets no second span; the outermost layer records it.
 */
public final class LlmTracing {

	private static final String[] MESSAGE_KEYS = { "role", "content" };

	private static final String[] TOOL_KEYS = { "name", "description" };

	private static final Logger logger = LoggerFactory.getLogger(LlmTracing.class);

	private static final ContextKey<LlmCall> ACTIVE_CALL = ContextKey.named("cascade-llm-call");

	private final CascadeInstrumentation instrumentation;

	private final ModelPricing pricing;

	private final LlmMetrics metrics;

	public LlmTracing(CascadeInstrumentation instrumentation, ModelPricing pricing, LlmMetrics metrics) {
		this.instrumentation = instrumentation;
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
		return start(request, parent, System.nanoTime(), false);
	}

	/**
	 * Start an LLM span for a request sent earlier, for integrations that learn of a call only once
	 * its response arrived (LangChain4j's AI service events for a model without Cascade's listener).
	 * The span and the latency start at {@code startNanoTime}.
	 * @param request the request
	 * @param parent the context the call ran in
	 * @param startNanoTime {@link System#nanoTime()} when the request was sent
	 * @return the call, or {@code null} when a Cascade LLM span is already current in
	 * {@code parent} or tracing failed
	 */
	public @Nullable LlmCall startedAt(LlmRequest request, Context parent, long startNanoTime) {
		return start(request, parent, startNanoTime, true);
	}

	private @Nullable LlmCall start(LlmRequest request, Context parent, long startNanoTime, boolean earlier) {
		if (isRecording(parent)) {
			return null;
		}
		try {
			UsageRollup.hintIfOutsideRun(parent, "an LLM call");
			ContentFormatter formatter = this.instrumentation.contentFormatter();
			SpanBuilder builder = this.instrumentation.otelTracer()
				.spanBuilder("llm." + request.model())
				.setParent(parent)
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute(CascadeAttributes.SPAN_TYPE, CascadeAttributes.TYPE_LLM)
				.setAttribute(CascadeAttributes.LLM_MODEL, request.model())
				.setAttribute(CascadeAttributes.LLM_PROVIDER, request.provider())
				.setAttribute(CascadeAttributes.LLM_STREAMING, request.streaming())
				.setAttribute(CascadeAttributes.GEN_AI_OPERATION_NAME, "chat")
				.setAttribute(CascadeAttributes.GEN_AI_PROVIDER_NAME, request.provider())
				.setAttribute(CascadeAttributes.GEN_AI_REQUEST_MODEL, request.model());
			if (request.maxTokens() != null) {
				builder.setAttribute(CascadeAttributes.LLM_MAX_TOKENS, request.maxTokens());
				builder.setAttribute(CascadeAttributes.GEN_AI_REQUEST_MAX_TOKENS, request.maxTokens());
			}
			if (request.temperature() != null) {
				builder.setAttribute(CascadeAttributes.LLM_TEMPERATURE, request.temperature());
				builder.setAttribute(CascadeAttributes.GEN_AI_REQUEST_TEMPERATURE, request.temperature());
			}
			if (request.topP() != null) {
				builder.setAttribute(CascadeAttributes.LLM_TOP_P, request.topP());
				builder.setAttribute(CascadeAttributes.GEN_AI_REQUEST_TOP_P, request.topP());
			}
			if (formatter.captureContent()) {
				addContent(builder, request.messages(), formatter);
			}
			if (!request.tools().isEmpty()) {
				builder.setAttribute(CascadeAttributes.LLM_TOOLS, toolsJson(request.tools(), formatter));
			}
			if (earlier) {
				Instant now = Instant.now();
				long nowEpochNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
				builder.setStartTimestamp(nowEpochNanos - (System.nanoTime() - startNanoTime), TimeUnit.NANOSECONDS);
			}
			Span span = builder.startSpan();
			LlmCall call = new LlmCall(span, request, this, parent, startNanoTime);
			call.bindContext(CascadeInstrumentation.withSpan(parent, span).with(ACTIVE_CALL, call));
			return call;
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not start an LLM span for " + request.model() + "; the call runs untraced", ex);
			return null;
		}
	}

	private static void addContent(SpanBuilder builder, List<LlmRequest.Message> messages, ContentFormatter formatter) {
		String system = joinContent(messages, LlmRequest.Message.SYSTEM);
		if (system != null) {
			builder.setAttribute(CascadeAttributes.LLM_SYSTEM_MESSAGE, formatter.truncate(system));
		}
		String prompt = joinContent(messages, LlmRequest.Message.USER);
		if (prompt != null) {
			builder.setAttribute(CascadeAttributes.LLM_PROMPT, formatter.truncate(prompt));
		}
		builder.setAttribute(CascadeAttributes.LLM_MESSAGES, formatter.stringFieldsJson(messages, MESSAGE_KEYS,
				(message, field) -> (field == 0) ? message.role() : message.content()));
	}

	/** The tools offered, as {@code [{"name", "description"}]}; names only when content is not captured. */
	private static String toolsJson(List<LlmRequest.Tool> tools, ContentFormatter formatter) {
		boolean descriptions = formatter.captureContent();
		return formatter.stringFieldsJson(tools, TOOL_KEYS,
				(tool, field) -> (field == 0) ? tool.name() : (descriptions ? tool.description() : null));
	}

	private static @Nullable String joinContent(List<LlmRequest.Message> messages, String role) {
		StringBuilder joined = null;
		for (LlmRequest.Message message : messages) {
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
		return this.instrumentation.contentFormatter().captureContent();
	}

	Scope makeCurrent(Context context) {
		return this.instrumentation.makeCurrent(context);
	}

	ContentFormatter formatter() {
		return this.instrumentation.contentFormatter();
	}

	public ModelPricing pricing() {
		return this.pricing;
	}

	public LlmMetrics metrics() {
		return this.metrics;
	}

}
