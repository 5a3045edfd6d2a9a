package com.runcascade.emulator;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One provider wire protocol: how to read a request and how to write a reply as JSON or as
 * server-sent events.
 *
 * @author Cascade
 */
interface Protocol {

	/**
	 * Read what the chatbot needs from a request body.
	 * @param request the request body
	 * @return the conversation
	 */
	Conversation conversation(JsonNode request);

	/**
	 * Whether a request asks a thinking model: a model whose name says so ({@code thinking},
	 * {@code reasoner}, as in {@code deepseek-reasoner}), or a protocol's own switch.
	 * @param request the request body
	 * @return whether the reply should carry reasoning
	 */
	default boolean asksForThinking(JsonNode request) {
		String model = Json.text(request.path("model"), "").toLowerCase(java.util.Locale.ROOT);
		return model.contains("thinking") || model.contains("reasoner");
	}

	/**
	 * Return the body of a non-streaming reply.
	 * @param turn the reply to render
	 * @return the JSON body
	 */
	JsonNode body(Turn turn);

	/**
	 * Send a streaming reply, event by event.
	 * @param turn the reply to render
	 * @param stream the stream to write to
	 * @throws IOException if the client went away or the script cuts the stream
	 */
	void stream(Turn turn, SseStream stream) throws IOException;

	/**
	 * Return the provider's error body for the given status.
	 * @param status the HTTP status
	 * @param message the error message
	 * @return the JSON body
	 */
	JsonNode error(int status, String message);

	/**
	 * Return the name of the response header that carries the request id.
	 * @return the header name
	 */
	String requestIdHeader();

	/**
	 * Return a new request id, as the provider formats them.
	 * @param ids the id generator
	 * @return the request id
	 */
	String requestId(Ids ids);

}
