package com.runcascade.tracing.openai;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.client.StreamAccumulator;

/**
 * How one OpenAI API (Chat Completions, Responses) reads into Cascade's provider-neutral form.
 *
 * @param <P> the create params type
 * @param <R> the response type
 * @param <E> the stream event type
 */
interface OpenAiOperation<P, R, E> {

	Class<P> paramsType();

	Class<R> responseType();

	LlmRequest request(P params, String provider, boolean streaming, boolean captureContent);

	LlmResponse response(R response, boolean captureContent);

	StreamAccumulator<E> accumulator(P params, boolean captureContent);

}
