package com.runcascade.emulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * A {@code text/event-stream} response that writes and flushes every event on its own, so the
 * client sees each chunk as soon as it is sent.
 *
 * @author Cascade
 */
final class SseStream {

	private final HttpExchange exchange;

	private final OutputStream body;

	private final Duration delay;

	private final int cutOffAfterEvents;

	private int sent;

	SseStream(HttpExchange exchange, Duration delay, int cutOffAfterEvents, String requestIdHeader, String requestId)
			throws IOException {
		this.exchange = exchange;
		this.delay = delay;
		this.cutOffAfterEvents = cutOffAfterEvents;
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.getResponseHeaders().set(requestIdHeader, requestId);
		// Length 0 selects chunked encoding: the stream's length is not known up front.
		exchange.sendResponseHeaders(200, 0);
		this.body = exchange.getResponseBody();
	}

	/**
	 * Send one event: an {@code event:} line when a name is given, then its {@code data:} line.
	 * @param name the event name, or {@code null} for data-only events (Chat Completions)
	 * @param data the event data
	 * @throws IOException if the client went away or the script cuts the stream here
	 */
	void event(@Nullable String name, JsonNode data) throws IOException {
		event(name, Json.write(data));
	}

	void event(@Nullable String name, String data) throws IOException {
		cutOffIfScripted();
		if (this.sent > 0 && !this.delay.isZero()) {
			pause();
		}
		StringBuilder event = new StringBuilder();
		if (name != null) {
			event.append("event: ").append(name).append('\n');
		}
		event.append("data: ").append(data).append("\n\n");
		this.body.write(event.toString().getBytes(StandardCharsets.UTF_8));
		this.body.flush();
		this.sent++;
	}

	/**
	 * End the stream normally, or drop the connection if the script cuts it after the last
	 * event.
	 * @throws IOException if the stream is cut or the client went away
	 */
	void finish() throws IOException {
		cutOffIfScripted();
		this.exchange.close();
	}

	private void cutOffIfScripted() throws ConnectionCutOffException {
		if (this.cutOffAfterEvents >= 0 && this.sent >= this.cutOffAfterEvents) {
			throw new ConnectionCutOffException();
		}
	}

	private void pause() throws InterruptedIOException {
		try {
			Thread.sleep(this.delay.toMillis(), this.delay.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("Interrupted between two events");
		}
	}

	/**
	 * Split text the way a model streams it: a word (with the spaces after it) per chunk.
	 * @param text the text
	 * @return the chunks, at least one
	 */
	static List<String> words(String text) {
		List<String> chunks = new ArrayList<>();
		int start = 0;
		for (int i = 1; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i))) {
				chunks.add(text.substring(start, i));
				start = i;
			}
		}
		if (start < text.length() || chunks.isEmpty()) {
			chunks.add(text.substring(start));
		}
		return chunks;
	}

	/**
	 * Split a JSON string into small pieces, as tool arguments are streamed.
	 * @param json the JSON text
	 * @return the pieces, at least one
	 */
	static List<String> pieces(String json) {
		int size = 12;
		List<String> pieces = new ArrayList<>();
		int start = 0;
		while (start < json.length()) {
			int end = Math.min(start + size, json.length());
			// Never split a surrogate pair across two pieces.
			if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
				end++;
			}
			pieces.add(json.substring(start, end));
			start = end;
		}
		if (pieces.isEmpty()) {
			pieces.add("");
		}
		return pieces;
	}

	/**
	 * Thrown to leave the handler without closing the exchange, so the server drops the
	 * connection without writing the final chunk and the client sees a truncated stream.
	 */
	static final class ConnectionCutOffException extends IOException {

		ConnectionCutOffException() {
			super("Connection cut off as scripted");
		}

	}

}
