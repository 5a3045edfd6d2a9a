package com.runcascade.tracing.sdk;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;

/**
 * How one SDK API (Anthropic Messages, OpenAI Chat Completions or Responses) reads into Cascade's
 * provider-neutral form: the part of a traced call that {@link LlmCallInvoker} cannot know.
 *
 * @param <P> the create params type
 * @param <R> the response type
 * @param <E> the stream event type
 */
public interface LlmApi<P, R, E> {

	Class<P> paramsType();

	Class<R> responseType();

	LlmRequest request(P params, boolean streaming, boolean captureContent);

	LlmResponse response(R response, boolean captureContent);

	StreamAccumulator<E> accumulator(P params, boolean captureContent);

}
