package com.runcascade.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.jspecify.annotations.Nullable;

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

	/** Longest body kept, in characters; a longer one is cut (its JSON is not kept). */
	static final int MAX_BODY_CHARS = 64 * 1024;

	private final String body;

	private final int bodyLength;

	private final JsonNode json;

	/**
	 * @param json the body already parsed ({@link #parse}), kept only when the body fits in
	 * {@link #MAX_BODY_CHARS}
	 */
	RecordedRequest(String method, String path, @Nullable String query, Map<String, List<String>> headers,
			String body, JsonNode json) {
		this.method = method;
		this.path = path;
		this.query = query;
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(copy);
		this.bodyLength = body.length();
		boolean fits = body.length() <= MAX_BODY_CHARS;
		// substring copies, so the recorded prefix does not keep the whole body reachable.
		this.body = fits ? body : body.substring(0, MAX_BODY_CHARS);
		this.json = fits ? json : MissingNode.getInstance();
	}

	static JsonNode parse(String body) {
		if (body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return Json.mapper.readTree(body);
		}
		catch (JsonProcessingException ex) {
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
	 * Return the request body as text; empty when there is none. A body longer than 64K characters
	 * is kept cut to that length, so that recording stays small (see {@link #bodyLength()}).
	 * @return the body, or its first 64K characters
	 */
	public String body() {
		return this.body;
	}

	/**
	 * Return the length of the body as received, in characters, even when {@link #body()} was cut.
	 * @return the original body length
	 */
	public int bodyLength() {
		return this.bodyLength;
	}

	/**
	 * Return the request body parsed as JSON, or a missing node when it is empty, not JSON, or
	 * longer than 64K characters (then only {@link #body()}'s prefix is kept).
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
