package com.runcascade.tracing.sdk.openai;

import java.util.function.Supplier;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.sdk.LlmApi;
import com.runcascade.tracing.sdk.StreamAccumulator;

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

	/**
	 * This API as called through one client, whose provider is read on the first traced call.
	 * @param provider the provider of the client
	 * @return the API for the shared invoker
	 */
	default LlmApi<P, R, E> calledVia(Supplier<String> provider) {
		return new Called<>(this, provider);
	}

	/** An OpenAI API bound to the provider its client talks to. */
	record Called<P, R, E>(OpenAiOperation<P, R, E> operation, Supplier<String> provider) implements LlmApi<P, R, E> {

		@Override
		public Class<P> paramsType() {
			return this.operation.paramsType();
		}

		@Override
		public Class<R> responseType() {
			return this.operation.responseType();
		}

		@Override
		public LlmRequest request(P params, boolean streaming, boolean captureContent) {
			return this.operation.request(params, this.provider.get(), streaming, captureContent);
		}

		@Override
		public LlmResponse response(R response, boolean captureContent) {
			return this.operation.response(response, captureContent);
		}

		@Override
		public StreamAccumulator<E> accumulator(P params, boolean captureContent) {
			return this.operation.accumulator(params, captureContent);
		}

	}

}
