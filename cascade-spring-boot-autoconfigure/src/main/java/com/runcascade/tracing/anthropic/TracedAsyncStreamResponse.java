package com.runcascade.tracing.anthropic;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.anthropic.core.http.AsyncStreamResponse;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.client.Invocations;
import com.runcascade.tracing.llm.client.StreamRecorder;

/**
 * An asynchronous streamed response whose events reach the subscriber as the SDK delivers them,
 * while the span follows along. The span ends when the stream completes, fails or is closed.
 *
 * @param <E> the event type
 */
final class TracedAsyncStreamResponse<E> implements AsyncStreamResponse<E> {

	private final AsyncStreamResponse<E> delegate;

	private final StreamRecorder<E> recorder;

	TracedAsyncStreamResponse(AsyncStreamResponse<E> delegate, StreamRecorder<E> recorder) {
		this.delegate = delegate;
		this.recorder = recorder;
		// Covers what no subscriber sees: a request that failed before any subscription, or a
		// response closed without one. After a subscriber's onComplete this does nothing.
		delegate.onCompleteFuture().whenComplete((ignored, error) -> {
			if (error != null) {
				recorder.fail(error);
			}
			else {
				recorder.close();
			}
		});
	}

	@Override
	public AsyncStreamResponse<E> subscribe(Handler<? super E> handler) {
		this.delegate.subscribe(new RecordingHandler<>(handler, this.recorder));
		return this;
	}

	@Override
	public AsyncStreamResponse<E> subscribe(Handler<? super E> handler, Executor executor) {
		this.delegate.subscribe(new RecordingHandler<>(handler, this.recorder), executor);
		return this;
	}

	@Override
	public CompletableFuture<Void> onCompleteFuture() {
		return this.delegate.onCompleteFuture();
	}

	@Override
	public void close() {
		this.recorder.close();
		this.delegate.close();
	}

	/** Shows each event to the recorder, then to the caller's handler. */
	private static final class RecordingHandler<E> implements Handler<E> {

		private final Handler<? super E> handler;

		private final StreamRecorder<E> recorder;

		private volatile @Nullable Throwable handlerError;

		RecordingHandler(Handler<? super E> handler, StreamRecorder<E> recorder) {
			this.handler = handler;
			this.recorder = recorder;
		}

		@Override
		public void onNext(E event) {
			this.recorder.onEvent(event);
			try {
				this.handler.onNext(event);
			}
			catch (Throwable ex) {
				this.handlerError = ex;
				throw Invocations.rethrow(ex);
			}
		}

		@Override
		public void onComplete(Optional<Throwable> error) {
			if (error.isEmpty()) {
				this.recorder.complete();
			}
			else if (error.get() == this.handlerError) {
				// The caller's handler failed: the stream was abandoned, not broken.
				this.recorder.close();
			}
			else {
				this.recorder.fail(error.get());
			}
			this.handler.onComplete(error);
		}

	}

}
