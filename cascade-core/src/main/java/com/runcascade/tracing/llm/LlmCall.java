package com.runcascade.tracing.llm;

import java.util.concurrent.atomic.AtomicBoolean;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.support.CascadeContext;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.SpanErrors;
import com.runcascade.tracing.support.UsageRollup;

/**
 * One traced model request. Ends its span exactly once, whichever of {@link #end}, {@link #fail} or
 * {@link #cancel} comes first (a stream may complete and be closed, or fail and be closed).
 * Safe to call from any thread; never throws.
 */
public final class LlmCall {

	private static final Logger logger = LoggerFactory.getLogger(LlmCall.class);

	private final Span span;

	private final LlmRequest request;

	private final LlmTracing tracing;

	private final @Nullable String agentName;

	/** The context the call started in: its runs and agents sum up the call's usage. */
	private final Context parent;

	private final long startNanos;

	private final AtomicBoolean ended = new AtomicBoolean();

	private final AtomicBoolean firstTokenSeen = new AtomicBoolean();

	private Context context = Context.root();

	private volatile @Nullable String usageReportedBy;

	private volatile @Nullable String usageMeteredBy;

	private volatile @Nullable String durationMeteredBy;

	LlmCall(Span span, LlmRequest request, LlmTracing tracing, Context parent, long startNanos) {
		this.span = span;
		this.request = request;
		this.tracing = tracing;
		this.parent = parent;
		this.agentName = CascadeContext.agentName(parent);
		this.startNanos = startNanos;
	}

	void bindContext(Context context) {
		this.context = context;
	}

	/**
	 * The context holding this call's span; make it current around the provider call.
	 * @return the context
	 */
	public Context context() {
		return this.context;
	}

	/**
	 * Make this call's context current around the provider call, so inner layers see it and
	 * Spring AI's own observation spans nest under the LLM span.
	 * @return the scope to close on the same thread
	 */
	public Scope makeCurrent() {
		return this.tracing.makeCurrent(this.context);
	}


	/**
	 * Declare that another instrumentation records this call's token usage as
	 * {@code gen_ai.usage.*} on a span of its own below this one (Spring AI's {@code chat} observation,
	 * for instance). Tools that sum {@code gen_ai.usage.*} over a trace would otherwise count the
	 * tokens twice, so this span then keeps only the {@code llm.*} counts and the cost, and records
	 * who reports the usage as {@code llm.usage_reported_by}. Call it before the call ends.
	 * @param reporter the other instrumentation, such as {@code spring-ai}
	 */
	public void markUsageReportedElsewhere(String reporter) {
		this.usageReportedBy = reporter;
	}

	/**
	 * Declare that another instrumentation meters this call's tokens on the application's
	 * {@code MeterRegistry} (Spring AI's {@code gen_ai.client.token.usage} counter, for instance), so
	 * the {@link LlmMetrics} get no usage for it and the tokens are counted once. Duration and cost
	 * are still recorded. Call it before the call ends.
	 * @param reporter the other instrumentation, such as {@code spring-ai}
	 */
	public void markUsageMeteredElsewhere(String reporter) {
		this.usageMeteredBy = reporter;
	}

	/**
	 * Declare that another instrumentation times this call on the application's
	 * {@code MeterRegistry} (Boot's meter handler times Spring AI's {@code gen_ai.client.operation}
	 * observation, for instance), so the {@link LlmMetrics} get no duration for it and each request
	 * has one latency series. Call it before the call ends.
	 * @param reporter the other instrumentation, such as {@code spring-ai}
	 */
	public void markDurationMeteredElsewhere(String reporter) {
		this.durationMeteredBy = reporter;
	}

	/** Record the time to the first streamed chunk; later calls do nothing. */
	public void firstToken() {
		// Called for every streamed chunk: a plain read first keeps the common case cheap.
		if (!this.firstTokenSeen.get() && this.firstTokenSeen.compareAndSet(false, true)) {
			this.span.setAttribute(CascadeAttributes.LLM_TIME_TO_FIRST_TOKEN_MS, elapsedMillis());
		}
	}

	/**
	 * Finish successfully.
	 * @param response what the provider answered
	 */
	public void end(LlmResponse response) {
		finish(response, null, false);
	}

	/**
	 * Finish with an error (HTTP error, timeout, broken stream). What was received so far is kept.
	 * @param error the failure
	 * @param partial what was received before the failure, if anything
	 */
	public void fail(Throwable error, @Nullable LlmResponse partial) {
		finish(partial, error, false);
	}

	/**
	 * Finish a stream the caller stopped reading (closed or cancelled) before it completed.
	 * @param partial what was received so far, if anything
	 */
	public void cancel(@Nullable LlmResponse partial) {
		finish(partial, null, true);
	}

	/** Ends the span exactly once, even when recording an attribute or a user's price lookup fails. */
	private void finish(@Nullable LlmResponse response, @Nullable Throwable error, boolean closedEarly) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		double latencyMs = elapsedMillis();
		Double cost = null;
		try {
			if (response != null) {
				cost = recordResponse(response);
			}
			this.span.setAttribute(CascadeAttributes.LLM_LATENCY_MS, latencyMs);
			if (error != null) {
				SpanErrors.record(this.span, error, this.tracing.formatter());
			}
			else if (closedEarly) {
				this.span.setAttribute(CascadeAttributes.LLM_STREAM_CLOSED_EARLY, true);
			}
			else {
				this.span.setStatus(StatusCode.OK);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not record an LLM response", ex);
		}
		finally {
			this.span.end();
		}
		try {
			TokenUsage usage = (response != null) ? response.usage() : null;
			UsageRollup.addLlmCall(this.parent, (usage != null) ? usage.inputTokens() : null,
					(usage != null) ? usage.outputTokens() : null, (usage != null) ? usage.totalTokens() : null, cost);
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not add an LLM call to its run's totals", ex);
		}
		try {
			this.tracing.metrics()
				.record(this.request.provider(), this.request.model(), this.agentName,
						(this.durationMeteredBy == null) ? latencyMs / 1000.0 : null,
						(response != null && this.usageMeteredBy == null) ? response.usage() : null, cost,
						(error != null) ? error.getClass().getName() : null);
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not record LLM metrics", ex);
		}
	}

	/** Sets the response attributes; returns the cost when the model's price is known. */
	private @Nullable Double recordResponse(LlmResponse response) {
		ContentFormatter formatter = this.tracing.formatter();
		if (response.responseModel() != null) {
			this.span.setAttribute(CascadeAttributes.GEN_AI_RESPONSE_MODEL, response.responseModel());
		}
		if (response.responseId() != null) {
			this.span.setAttribute(CascadeAttributes.GEN_AI_RESPONSE_ID, response.responseId());
		}
		if (!response.finishReasons().isEmpty()) {
			this.span.setAttribute(CascadeAttributes.GEN_AI_RESPONSE_FINISH_REASONS, response.finishReasons());
		}
		if (formatter.captureContent() && response.completion() != null) {
			this.span.setAttribute(CascadeAttributes.LLM_COMPLETION, formatter.truncate(response.completion()));
		}
		String reasoning = response.reasoning();
		if (formatter.captureContent() && reasoning != null && !reasoning.isEmpty()) {
			this.span.setAttribute(CascadeAttributes.LLM_REASONING, formatter.truncate(reasoning));
		}
		TokenUsage usage = response.usage();
		this.span.setAttribute(CascadeAttributes.LLM_USAGE_REPORTED, usage != null);
		if (usage == null) {
			return null;
		}
		String reportedBy = this.usageReportedBy;
		boolean genAiUsage = (reportedBy == null);
		if (reportedBy != null) {
			this.span.setAttribute(CascadeAttributes.LLM_USAGE_REPORTED_BY, reportedBy);
		}
		setIfPresent(CascadeAttributes.LLM_INPUT_TOKENS, CascadeAttributes.GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens(),
				genAiUsage);
		setIfPresent(CascadeAttributes.LLM_OUTPUT_TOKENS, CascadeAttributes.GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens(),
				genAiUsage);
		// Reasoning tokens are part of the output tokens already: recorded, never added again.
		setIfPresent(CascadeAttributes.LLM_REASONING_TOKENS, CascadeAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
				usage.reasoningTokens(), genAiUsage);
		Long total = usage.totalTokens();
		if (total != null) {
			this.span.setAttribute(CascadeAttributes.LLM_TOTAL_TOKENS, total);
		}
		if (genAiUsage && usage.cacheReadTokens() != null) {
			this.span.setAttribute(CascadeAttributes.GEN_AI_USAGE_CACHE_READ, usage.cacheReadTokens());
		}
		if (genAiUsage && usage.cacheCreationTokens() != null) {
			this.span.setAttribute(CascadeAttributes.GEN_AI_USAGE_CACHE_CREATION, usage.cacheCreationTokens());
		}
		String pricedModel = (response.responseModel() != null) ? response.responseModel() : this.request.model();
		ModelPricing.Price price = this.tracing.pricing().priceOf(this.request.provider(), pricedModel);
		if (price == null && !pricedModel.equals(this.request.model())) {
			price = this.tracing.pricing().priceOf(this.request.provider(), this.request.model());
		}
		if (price == null) {
			// The price table logs each unknown model once; no cost is better than a guessed one.
			return null;
		}
		double cost = price.cost(usage);
		this.span.setAttribute(CascadeAttributes.LLM_COST_USD, cost);
		return cost;
	}

	private void setIfPresent(io.opentelemetry.api.common.AttributeKey<Long> cascadeKey,
			io.opentelemetry.api.common.AttributeKey<Long> genAiKey, @Nullable Long value, boolean genAi) {
		if (value != null) {
			this.span.setAttribute(cascadeKey, value);
			if (genAi) {
				this.span.setAttribute(genAiKey, value);
			}
		}
	}

	private double elapsedMillis() {
		return (System.nanoTime() - this.startNanos) / 1_000_000.0;
	}

}
