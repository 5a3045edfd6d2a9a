package com.runcascade.tracing.openai;

import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.openai.core.http.StreamResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.runcascade.tracing.llm.client.RecordingSpliterator;
import com.runcascade.tracing.llm.client.StreamRecorder;

/**
 * A streamed response whose events reach the caller one by one, exactly as the SDK reads them,
 * while the span follows along. The span ends when the stream is exhausted, fails, or this response
 * (or its stream) is closed.
 *
 * @param <E> the event type
 */
final class TracedStreamResponse<E> implements StreamResponse<E> {

	private static final Log logger = LogFactory.getLog(TracedStreamResponse.class);

	private final StreamResponse<E> delegate;

	private final StreamRecorder<E> recorder;

	TracedStreamResponse(StreamResponse<E> delegate, StreamRecorder<E> recorder) {
		this.delegate = delegate;
		this.recorder = recorder;
	}

	@Override
	public Stream<E> stream() {
		Stream<E> source = this.delegate.stream();
		try {
			return StreamSupport.stream(new RecordingSpliterator<>(source.spliterator(), this.recorder), false)
				.onClose(source::close)
				.onClose(this.recorder::close);
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not follow a streamed response; its events are not traced", ex);
			return source;
		}
	}

	@Override
	public void close() {
		this.recorder.close();
		this.delegate.close();
	}

}
