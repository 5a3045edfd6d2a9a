package com.runcascade.tracing.sdk;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;


/**
 * The SDK-neutral body of a traced blocking stream response: events reach the caller one by one,
 * exactly as the SDK reads them, while the span follows along. The span ends when the stream is
 * exhausted, fails, or the response (or its stream) is closed. Each SDK's subclass implements that
 * SDK's {@code StreamResponse} interface.
 *
 * @param <E> the event type
 */
public abstract class RecordedStreamResponse<E> {

	private static final System.Logger logger = System.getLogger(RecordedStreamResponse.class.getName());

	private final Supplier<Stream<E>> source;

	private final Runnable closeSource;

	private final StreamRecorder<E> recorder;

	/**
	 * Follow one SDK response.
	 * @param source the SDK's stream of events
	 * @param closeSource closes the SDK's response
	 * @param recorder where the events go
	 */
	protected RecordedStreamResponse(Supplier<Stream<E>> source, Runnable closeSource, StreamRecorder<E> recorder) {
		this.source = source;
		this.closeSource = closeSource;
		this.recorder = recorder;
	}

	public Stream<E> stream() {
		Stream<E> source = this.source.get();
		try {
			return StreamSupport.stream(new RecordingSpliterator<>(source.spliterator(), this.recorder), false)
				.onClose(source::close)
				.onClose(this.recorder::close);
		}
		catch (RuntimeException ex) {
			logger.log(Level.DEBUG, "Cascade could not follow a streamed response; its events are not traced", ex);
			return source;
		}
	}

	public void close() {
		this.recorder.close();
		this.closeSource.run();
	}

}
