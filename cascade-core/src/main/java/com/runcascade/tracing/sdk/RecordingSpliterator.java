package com.runcascade.tracing.sdk;

import java.util.Spliterator;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Hands each element of the SDK's stream to the caller as soon as it is read, after showing it to
 * the recorder. Never splits, so events are seen in order; the span ends when the source is
 * exhausted or fails.
 *
 * @param <E> the event type
 */
final class RecordingSpliterator<E> implements Spliterator<E> {

	private final Spliterator<E> source;

	private final StreamRecorder<E> recorder;

	private boolean inCallerCode;

	public RecordingSpliterator(Spliterator<E> source, StreamRecorder<E> recorder) {
		this.source = source;
		this.recorder = recorder;
	}

	@Override
	public boolean tryAdvance(Consumer<? super E> action) {
		boolean advanced;
		try {
			advanced = this.source.tryAdvance((event) -> {
				this.recorder.onEvent(event);
				// Left set when the caller's code throws, so the catch below can tell.
				this.inCallerCode = true;
				action.accept(event);
				this.inCallerCode = false;
			});
		}
		catch (Throwable ex) {
			if (this.inCallerCode) {
				// The caller's own code failed: the stream is abandoned, not broken.
				this.inCallerCode = false;
				this.recorder.close();
			}
			else {
				this.recorder.fail(ex);
			}
			throw Invocations.rethrow(ex);
		}
		if (!advanced) {
			this.recorder.complete();
		}
		return advanced;
	}

	@Override
	public @Nullable Spliterator<E> trySplit() {
		return null;
	}

	@Override
	public long estimateSize() {
		return this.source.estimateSize();
	}

	@Override
	public int characteristics() {
		return this.source.characteristics() & ~(SIZED | SUBSIZED);
	}

}
