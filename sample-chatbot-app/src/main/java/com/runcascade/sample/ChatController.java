package com.runcascade.sample;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.runcascade.tracing.Cascade;

/**
 * The chat API. The Cascade session comes from the {@code X-Cascade-Session-Id} header (the
 * sample turns on {@code cascade.session.generate-when-missing}, so a first request without it
 * starts a new conversation and the response header carries the id to send next time).
 */
@RestController
class ChatController {

	private final ChatService chat;

	private final int maxMessageLength;

	ChatController(ChatService chat, @Value("${sample.chat.max-message-length:8000}") int maxMessageLength) {
		this.chat = chat;
		this.maxMessageLength = maxMessageLength;
	}

	@PostMapping("/api/chat")
	ChatService.Reply chat(@RequestBody ChatRequest request) {
		if (request.message() == null || request.message().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "message must not be empty");
		}
		if (request.message().length() > this.maxMessageLength) {
			// Refused before any model or tool sees it: a chat turn has no use for a megabyte of text.
			throw new MessageTooLarge(request.message().length(), this.maxMessageLength);
		}
		return this.chat.chat(currentSession(), request.message());
	}

	@PostMapping("/api/chat/end")
	Map<String, String> end() {
		String sessionId = currentSession();
		this.chat.end(sessionId);
		return Map.of("sessionId", sessionId, "status", "ended");
	}

	private static String currentSession() {
		String sessionId = Cascade.currentSessionId();
		if (sessionId == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "no valid X-Cascade-Session-Id header");
		}
		return sessionId;
	}

	@ExceptionHandler(MessageTooLarge.class)
	ResponseEntity<Map<String, Object>> messageTooLarge(MessageTooLarge ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Map.of("status", 413, "error", "Content Too Large", "message", ex.getMessage()));
	}

	record ChatRequest(String message) {
	}

	static final class MessageTooLarge extends RuntimeException {

		MessageTooLarge(int length, int max) {
			super("message is " + length + " characters long; at most " + max + " are accepted");
		}

	}

}
