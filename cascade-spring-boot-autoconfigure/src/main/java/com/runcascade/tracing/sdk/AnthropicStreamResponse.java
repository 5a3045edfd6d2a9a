package com.runcascade.tracing.sdk;

import com.anthropic.core.http.StreamResponse;

/**
 * A streamed response traced as the caller reads it; the logic is in {@link RecordedStreamResponse},
 * this only fits it to the SDK's own interface.
 *
 * @param <E> the event type
 */
final class AnthropicStreamResponse<E> extends RecordedStreamResponse<E> implements StreamResponse<E> {

	private AnthropicStreamResponse(StreamResponse<E> delegate, StreamRecorder<E> recorder) {
		super(delegate::stream, delegate::close, recorder);
	}

	@SuppressWarnings("unchecked")
	static Object of(Object delegate, StreamRecorder<Object> recorder) {
		return new AnthropicStreamResponse<>((StreamResponse<Object>) delegate, recorder);
	}

}
