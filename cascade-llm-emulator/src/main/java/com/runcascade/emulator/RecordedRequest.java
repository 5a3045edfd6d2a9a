package com.runcascade.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A request received by the {@link LlmEmulator}, as the client sent it.
 *
 * @author Cascade
 */
public final class RecordedRequest {

	private final String method;

	private final String path;

	private final @Nullable String query;

	private final Map<String, List<String>> headers;

	private final String body;

	private final JsonNode json;

	RecordedRequest(String method, String path, @Nullable String query, Map<String, List<String>> headers,
			String body, JsonMapper jsonMapper) {
		this.method = method;
		this.path = path;
		this.query = query;
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(copy);
		this.body = body;
		this.json = parse(body, jsonMapper);
	}

	private static JsonNode parse(String body, JsonMapper jsonMapper) {
		if (body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * Return the HTTP method, such as {@code POST}.
	 * @return the method
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Return the request path without the query, such as {@code /v1/messages}.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the raw query string, if any.
	 * @return the query or {@code null}
	 */
	public @Nullable String query() {
		return this.query;
	}

	/**
	 * Return the request headers. Lookups ignore case, so {@code headers().get("X-Api-Key")}
	 * and {@code headers().get("x-api-key")} find the same values.
	 * @return the unmodifiable headers
	 */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/**
	 * Return the first value of the given header, ignoring the case of its name.
	 * @param name the header name
	 * @return the value or {@code null}
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Return the request body as text; empty when there is none.
	 * @return the body
	 */
	public String body() {
		return this.body;
	}

	/**
	 * Return the request body parsed as JSON, or a missing node when it is empty or not JSON.
	 * @return the JSON body
	 */
	public JsonNode json() {
		return this.json;
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + ((this.query != null) ? "?" + this.query : "") + " " + this.body;
	}

}
