package com.runcascade.tracing.sdk.anthropic;

import java.util.concurrent.Executor;

import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;

import com.runcascade.tracing.sdk.LlmSdk;
import com.runcascade.tracing.sdk.RecordedAsyncStreamResponse;
import com.runcascade.tracing.sdk.RecordedStreamResponse;
import com.runcascade.tracing.sdk.RecordingHandler;
import com.runcascade.tracing.sdk.StreamRecorder;

/**
 * The Anthropic SDK's stream response types, traced as the caller reads them. The logic is in the
 * shared {@link RecordedStreamResponse}, {@link RecordedAsyncStreamResponse} and
 * {@link RecordingHandler}; these classes only fit it to the SDK's own interfaces, which the
 * shared code cannot implement. Every SDK has this one file of the same shape.
 */
final class AnthropicStreamResponses {

	/** This SDK as the shared call recording sees it. */
	static final LlmSdk SDK = new LlmSdk("Anthropic", Blocking::of, Async::of);

	private AnthropicStreamResponses() {
	}

	/**
	 * A blocking streamed response.
	 *
	 * @param <E> the event type
	 */
	static final class Blocking<E> extends RecordedStreamResponse<E> implements StreamResponse<E> {

		private Blocking(StreamResponse<E> delegate, StreamRecorder<E> recorder) {
			super(delegate::stream, delegate::close, recorder);
		}

		@SuppressWarnings("unchecked")
		static Object of(Object delegate, StreamRecorder<Object> recorder) {
			return new Blocking<>((StreamResponse<Object>) delegate, recorder);
		}

	}

	/**
	 * An asynchronous streamed response, whose subscribers see the events through a recording handler.
	 *
	 * @param <E> the event type
	 */
	static final class Async<E> extends RecordedAsyncStreamResponse<E> implements AsyncStreamResponse<E> {

		private final AsyncStreamResponse<E> delegate;

		private Async(AsyncStreamResponse<E> delegate, StreamRecorder<E> recorder) {
			super(delegate.onCompleteFuture(), delegate::close, recorder);
			this.delegate = delegate;
		}

		@SuppressWarnings("unchecked")
		static Object of(Object delegate, StreamRecorder<Object> recorder) {
			return new Async<>((AsyncStreamResponse<Object>) delegate, recorder);
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

	}

	/** The shared recording handler, as the SDK's handler type. */
	private static final class SdkHandler<E> extends RecordingHandler<E> implements AsyncStreamResponse.Handler<E> {

		SdkHandler(AsyncStreamResponse.Handler<? super E> handler, StreamRecorder<E> recorder) {
			super(handler::onNext, handler::onComplete, recorder);
		}

	}

}
