package com.runcascade.tracing.sdk;

import java.util.stream.Stream;

import com.openai.core.http.StreamResponse;


/**
 * A streamed response traced as the caller reads it; the logic is in {@link RecordedStreamResponse},
 * this only fits it to the SDK's own interface.
 *
 * @param <E> the event type
 */
final class OpenAiStreamResponse<E> extends RecordedStreamResponse<E> implements StreamResponse<E> {

	private final StreamResponse<E> delegate;

	private OpenAiStreamResponse(StreamResponse<E> delegate, StreamRecorder<E> recorder) {
		super(recorder);
		this.delegate = delegate;
	}

	@SuppressWarnings("unchecked")
	static Object of(Object delegate, StreamRecorder<Object> recorder) {
		return new OpenAiStreamResponse<>((StreamResponse<Object>) delegate, recorder);
	}

	@Override
	protected Stream<E> source() {
		return this.delegate.stream();
	}

	@Override
	protected void closeSource() {
		this.delegate.close();
	}

}
