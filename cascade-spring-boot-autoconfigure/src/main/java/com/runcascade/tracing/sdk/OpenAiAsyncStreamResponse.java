package com.runcascade.tracing.sdk;

import java.util.concurrent.Executor;

import com.openai.core.http.AsyncStreamResponse;

/**
 * An asynchronous streamed response traced as the SDK delivers it; the logic is in
 * {@link RecordedAsyncStreamResponse}, this only fits it to the SDK's own interfaces.
 *
 * @param <E> the event type
 */
final class OpenAiAsyncStreamResponse<E> extends RecordedAsyncStreamResponse<E> implements AsyncStreamResponse<E> {

	private final AsyncStreamResponse<E> delegate;

	private OpenAiAsyncStreamResponse(AsyncStreamResponse<E> delegate, StreamRecorder<E> recorder) {
		super(delegate.onCompleteFuture(), delegate::close, recorder);
		this.delegate = delegate;
	}

	@SuppressWarnings("unchecked")
	static Object of(Object delegate, StreamRecorder<Object> recorder) {
		return new OpenAiAsyncStreamResponse<>((AsyncStreamResponse<Object>) delegate, recorder);
	}

	@Override
	public AsyncStreamResponse<E> subscribe(Handler<? super E> handler) {
		this.delegate.subscribe(new SdkHandler<>(handler, this.recorder));
		return this;
	}

	@Override
	public AsyncStreamResponse<E> subscribe(Handler<? super E> handler, Executor executor) {
		this.delegate.subscribe(new SdkHandler<>(handler, this.recorder), executor);
		return this;
	}

	/** The recording handler, as the SDK's handler type. */
	private static final class SdkHandler<E> extends RecordingHandler<E> implements Handler<E> {

		SdkHandler(Handler<? super E> handler, StreamRecorder<E> recorder) {
			super(handler::onNext, handler::onComplete, recorder);
		}

	}

}
