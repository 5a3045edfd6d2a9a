package com.runcascade.tracing.sdk;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The SDK-neutral body of a subscriber to an asynchronous stream: shows each event to the recorder,
 * then to the caller's handler. Each SDK's subclass implements that SDK's {@code Handler} interface.
 *
 * @param <E> the event type
 */
abstract class RecordingHandler<E> {

	private final StreamRecorder<E> recorder;

	private volatile @Nullable Throwable handlerError;

	protected RecordingHandler(StreamRecorder<E> recorder) {
		this.recorder = recorder;
	}

	/**
	 * Hand an event to the caller's handler.
	 * @param event the event
	 */
	protected abstract void deliver(E event);

	/**
	 * Tell the caller's handler the stream ended.
	 * @param error why it ended, if it failed
	 */
	protected abstract void deliverCompletion(Optional<Throwable> error);

	public void onNext(E event) {
		this.recorder.onEvent(event);
		try {
			deliver(event);
		}
		catch (Throwable ex) {
			this.handlerError = ex;
			throw Invocations.rethrow(ex);
		}
	}

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
		deliverCompletion(error);
	}

}
