package com.runcascade.tracing.sdk;

import com.runcascade.tracing.llm.LlmResponse;

/**
 * Keeps what a span needs from a stream's events as they pass (text, tool calls, usage), never the
 * events themselves.
 *
 * @param <E> the event type
 */
public interface StreamAccumulator<E> {

	/**
	 * Take what is needed from one event.
	 * @param event the event
	 * @return whether the event carried generated content (for the time to first token)
	 */
	boolean accept(E event);

	/**
	 * Whether the provider signalled the end of the response, so a stream closed right after is
	 * complete rather than cut short.
	 * @return whether the final event was seen
	 */
	boolean finished();

	/**
	 * What was received so far.
	 * @return the response, possibly partial
	 */
	LlmResponse response();

}
