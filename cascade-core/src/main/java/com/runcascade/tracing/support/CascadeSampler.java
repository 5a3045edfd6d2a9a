package com.runcascade.tracing.support;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

import com.runcascade.tracing.CascadeAttributes;

/**
 * Keeps what Cascade is for and samples the rest as the application asked:
 * <ul>
 * <li>a trace started by a Cascade span (a run, or an agent, tool, function or LLM call outside any
 * trace) is always recorded; a run inside a dropped trace starts its own trace, linked to the
 * request's span, so it is recorded too;</li>
 * <li>a request carrying the session header is recorded whole
 * (the web integration marks its context, see {@link CascadeContext#recordWhole});</li>
 * <li>everything else follows the delegate (the application's probability, parent-based).</li>
 * </ul>
 * <p>
 * Internal: public only for the auto-configuration.
 */
public final class CascadeSampler implements Sampler {

	private final Sampler delegate;

	public CascadeSampler(Sampler delegate) {
		this.delegate = delegate;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		if (CascadeContext.isRecordedWhole(parentContext)) {
			return SamplingResult.recordAndSample();
		}
		if (!Span.fromContext(parentContext).getSpanContext().isValid()
				&& attributes.get(CascadeAttributes.SPAN_TYPE) != null) {
			return SamplingResult.recordAndSample();
		}
		return this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "CascadeSampler{" + this.delegate.getDescription() + "}";
	}

}
