package com.runcascade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What OpenAI's two APIs (Chat Completions and Responses) share on the wire: the error body and
 * the request id.
 *
 * @author Cascade
 */
interface OpenAiProtocol extends Protocol {

	@Override
	default JsonNode error(int status, String message) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ObjectNode error = body.putObject("error").put("message", message);
		switch (status) {
			case 401 -> error.put("type", "invalid_request_error").putNull("param").put("code", "invalid_api_key");
			case 404 -> error.put("type", "invalid_request_error").putNull("param").put("code", "model_not_found");
			case 429 -> error.put("type", "requests").putNull("param").put("code", "rate_limit_exceeded");
			default -> error.put("type", (status < 500) ? "invalid_request_error" : "server_error")
				.putNull("param")
				.putNull("code");
		}
		return body;
	}

	@Override
	default String requestIdHeader() {
		return "x-request-id";
	}

	@Override
	default String requestId(Ids ids) {
		return ids.hex("req_", 32);
	}

}
