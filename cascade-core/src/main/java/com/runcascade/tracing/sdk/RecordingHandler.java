package com.runcascade.tracing.sdk;

import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The SDK-neutral body of a subscriber to an asynchronous stream: shows each event to the recorder,
 * then to the caller's handler. Each SDK's subclass implements that SDK's {@code Handler} interface.
 *
 * @param <E> the event type
 */
public abstract class RecordingHandler<E> {

	private final Consumer<? super E> deliver;

	private final Consumer<Optional<Throwable>> deliverCompletion;

	private final StreamRecorder<E> recorder;

	private volatile @Nullable Throwable handlerError;

	/**
	 * Record the events one caller's handler receives.
	 * @param deliver hands an event to the caller's handler
	 * @param deliverCompletion tells the caller's handler the stream ended (and why, if it failed)
	 * @param recorder where the events go
	 */
	protected RecordingHandler(Consumer<? super E> deliver, Consumer<Optional<Throwable>> deliverCompletion,
			StreamRecorder<E> recorder) {
		this.deliver = deliver;
		this.deliverCompletion = deliverCompletion;
		this.recorder = recorder;
	}

	public void onNext(E event) {
		this.recorder.onEvent(event);
		try {
			this.deliver.accept(event);
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
		this.deliverCompletion.accept(error);
	}

}
