package com.runcascade.tracing.sdk;

/**
 * What differs per SDK beyond its APIs: its name in log messages, and its own stream response
 * types, which the shared code cannot implement.
 *
 * @param name the SDK's name, as in "an Anthropic stream"
 * @param blockingStream wraps the SDK's {@code StreamResponse}
 * @param asyncStream wraps the SDK's {@code AsyncStreamResponse}
 */
public record LlmSdk(String name, StreamWrapper blockingStream, StreamWrapper asyncStream) {

	/** Wraps one SDK stream response so the recorder sees its events as the caller reads them. */
	@FunctionalInterface
	public interface StreamWrapper {

		Object wrap(Object response, StreamRecorder<Object> recorder);

	}

}
