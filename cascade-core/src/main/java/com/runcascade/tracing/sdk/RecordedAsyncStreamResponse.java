package com.runcascade.tracing.sdk;

import java.util.concurrent.CompletableFuture;

/**
 * The SDK-neutral body of a traced asynchronous stream response: events reach the subscriber as
 * the SDK delivers them, while the span follows along. The span ends when the stream completes,
 * fails or is closed. Each SDK's subclass implements that SDK's {@code AsyncStreamResponse}
 * interface, subscribing a {@link RecordingHandler}.
 *
 * @param <E> the event type
 */
public abstract class RecordedAsyncStreamResponse<E> {

	protected final StreamRecorder<E> recorder;

	private final CompletableFuture<Void> completion;

	private final Runnable closeSource;

	/**
	 * Follow one SDK response.
	 * @param completion the SDK's completion future of the response
	 * @param closeSource closes the SDK's response
	 * @param recorder where the events go
	 */
	protected RecordedAsyncStreamResponse(CompletableFuture<Void> completion, Runnable closeSource,
			StreamRecorder<E> recorder) {
		this.recorder = recorder;
		this.completion = completion;
		this.closeSource = closeSource;
		// Covers what no subscriber sees: a request that failed before any subscription, or a
		// response closed without one. After a subscriber's onComplete this does nothing.
		completion.whenComplete((ignored, error) -> {
			if (error != null) {
				recorder.fail(error);
			}
			else {
				recorder.close();
			}
		});
	}

	public CompletableFuture<Void> onCompleteFuture() {
		return this.completion;
	}

	public void close() {
		this.recorder.close();
		this.closeSource.run();
	}

}
