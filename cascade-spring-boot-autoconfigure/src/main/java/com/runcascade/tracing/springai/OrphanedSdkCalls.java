package com.runcascade.tracing.springai;

import io.micrometer.core.instrument.binder.okhttp3.OkHttpContext;
import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;

/**
 * Recognises the HTTP call of an LLM SDK (the OpenAI and Anthropic Java SDKs, which Spring AI's
 * models use, mark their requests with {@code X-Stainless-*} headers) that runs with no context
 * at all. Streamed requests of these SDKs hand the HTTP call to the common fork-join pool, so its
 * observation has no parent and would be exported as a trace of its own. The Cascade LLM span
 * already covers the request, so such a call gets no span. Loaded only when Micrometer's OkHttp
 * instrumentation is on the class path.
 */
final class OrphanedSdkCalls {

	private static final String SDK_HEADER = "X-Stainless-Lang";

	private OrphanedSdkCalls() {
	}

	static boolean isOrphanedSdkCall(Observation.Context context) {
		return context instanceof OkHttpContext http && context.getParentObservation() == null
				&& !Span.current().getSpanContext().isValid()
				&& http.getOriginalRequest().header(SDK_HEADER) != null;
	}

}
