package com.runcascade.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads what the emulator puts on the wire, for the details the SDKs hide (pings, headers, raw JSON).
 *
 * @author Cascade
 */
final class RawSse {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private RawSse() {
	}

	static List<String> post(String url, String json) {
		return exchange(url, json).body().lines().toList();
	}

	static HttpResponse<String> exchange(String url, String json) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode json(String json) {
		try {
			return jsonMapper.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
