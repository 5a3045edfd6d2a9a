package com.runcascade.tracing.sdk;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmResponse;

/**
 * Follows one streamed response: sees each event as the caller reads it and ends the call once,
 * when the stream completes, fails or is closed. Never throws.
 *
 * @param <E> the event type
 */
public final class StreamRecorder<E> {

	private static final Logger logger = LoggerFactory.getLogger(StreamRecorder.class);

	private static final LlmResponse EMPTY = new LlmResponse(null, null, List.of(), null, null);

	private final LlmCall call;

	private final StreamAccumulator<E> accumulator;

	public StreamRecorder(LlmCall call, StreamAccumulator<E> accumulator) {
		this.call = call;
		this.accumulator = accumulator;
	}

	public void onEvent(E event) {
		try {
			if (this.accumulator.accept(event)) {
				this.call.firstToken();
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read a stream event", ex);
		}
	}

	public void complete() {
		this.call.end(response());
	}

	public void fail(Throwable error) {
		this.call.fail(Invocations.unwrap(error), response());
	}

	/** The caller stopped reading: complete when the provider had already sent everything. */
	public void close() {
		if (finished()) {
			this.call.end(response());
		}
		else {
			this.call.cancel(response());
		}
	}

	private boolean finished() {
		try {
			return this.accumulator.finished();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private LlmResponse response() {
		try {
			return this.accumulator.response();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read a streamed response", ex);
			return EMPTY;
		}
	}

}
