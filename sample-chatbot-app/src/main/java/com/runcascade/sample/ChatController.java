package com.runcascade.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.json.JsonWriter;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.runcascade.tracing.Cascade;

/**
 * The chat API. The Cascade session comes from the {@code X-Cascade-Session-Id} header (the
 * sample turns on {@code cascade.session.generate-when-missing}, so a first request without it
 * starts a new conversation and the response header carries the id to send next time).
 * {@code POST /api/chat/stream} answers with server-sent events: {@code turn} (session, turn and
 * trace ids), one {@code text} per piece of the reply ({@code {"text": "..."}}), then {@code done}
 * (the whole reply, as {@code /api/chat} returns it) or {@code error}. {@code POST /api/assistant}
 * asks the LangChain4j hotel assistant instead ({@link HotelConcierge}).
 */
@RestController
class ChatController {

	private static final Log logger = LogFactory.getLog(ChatController.class);

	/** Boot's own JSON writer: the same on every Boot line, whichever Jackson the application has. */
	private static final JsonWriter<Object> json = JsonWriter.standard();

	/** Spring Framework 7 names it {@code HttpStatus.CONTENT_TOO_LARGE}, 6.2 {@code PAYLOAD_TOO_LARGE}. */
	private static final HttpStatusCode CONTENT_TOO_LARGE = HttpStatusCode.valueOf(413);

	private final ChatService chat;

	private final HotelConcierge concierge;

	private final AsyncTaskExecutor streams;

	private final int maxMessageLength;

	private final Duration streamTimeout;

	/**
	 * @param streams runs streamed turns: Boot's application task executor, whose tasks Cascade's
	 * task decorator runs in the request's context (its server span and session)
	 */
	ChatController(ChatService chat, HotelConcierge concierge,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) AsyncTaskExecutor streams,
			@Value("${sample.chat.max-message-length:8000}") int maxMessageLength,
			@Value("${sample.chat.stream-timeout:2m}") Duration streamTimeout) {
		this.chat = chat;
		this.concierge = concierge;
		this.streams = streams;
		this.maxMessageLength = maxMessageLength;
		this.streamTimeout = streamTimeout;
	}

	@PostMapping("/api/chat")
	ChatService.Reply chat(@RequestBody ChatRequest request) throws Exception {
		return this.chat.chat(currentSession(), validMessage(request));
	}

	/** The LangChain4j hotel assistant: one {@code HotelRequest} run per request, in the header's session. */
	@PostMapping("/api/assistant")
	HotelConcierge.Reply assistant(@RequestBody ChatRequest request) throws Exception {
		return this.concierge.ask(currentSession(), validMessage(request));
	}

	@PostMapping("/api/chat/stream")
	SseEmitter stream(@RequestBody ChatRequest request) {
		String message = validMessage(request);
		String sessionId = currentSession();
		SseEmitter emitter = new SseEmitter(this.streamTimeout.toMillis());
		// The turn blocks its thread while the model streams: not a request thread.
		this.streams.execute(() -> streamTurn(sessionId, message, emitter));
		return emitter;
	}

	private void streamTurn(String sessionId, String message, SseEmitter emitter) {
		try {
			ChatService.Reply reply = this.chat.chatStreamed(sessionId, message, new ChatService.StreamListener() {

				@Override
				public void started(String session, int turn, String traceId) {
					send(emitter, "turn", Map.of("sessionId", session, "turn", turn, "traceId", traceId));
				}

				@Override
				public void text(String text) {
					// JSON, not raw text: an SSE client drops a piece's leading space and splits it at newlines.
					send(emitter, "text", Map.of("text", text));
				}

			});
			send(emitter, "done", reply);
			emitter.complete();
		}
		catch (ClientGone ex) {
			logger.debug("Streamed chat turn cancelled: the client went away", ex);
			emitter.completeWithError(ex);
		}
		catch (Exception ex) {
			logger.warn("Streamed chat turn failed", ex);
			try {
				send(emitter, "error", Map.of("message", "the reply could not be completed"));
				emitter.complete();
			}
			catch (ClientGone gone) {
				emitter.completeWithError(gone);
			}
		}
	}

	private static void send(SseEmitter emitter, String event, Object data) {
		try {
			emitter.send(SseEmitter.event().name(event).data(data, MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is closed or the emitter timed out: stop streaming to nobody.
			throw new ClientGone(ex);
		}
	}

	private String validMessage(ChatRequest request) {
		String message = request.message();
		if (message == null || message.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "message must not be empty");
		}
		if (message.length() > this.maxMessageLength) {
			// Refused before any model or tool sees it: a chat turn has no use for a megabyte of text.
			throw new MessageTooLarge(message.length(), this.maxMessageLength);
		}
		return message;
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

	@ExceptionHandler(exception = MessageTooLarge.class, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> messageTooLarge(MessageTooLarge ex) {
		return ResponseEntity.status(CONTENT_TOO_LARGE).body(tooLarge(ex));
	}

	/** The same refusal for a client that accepts only server-sent events: one {@code error} event. */
	@ExceptionHandler(exception = MessageTooLarge.class, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<String> messageTooLargeAsEvent(MessageTooLarge ex) {
		return ResponseEntity.status(CONTENT_TOO_LARGE)
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.body("event:error\ndata:" + json.writeToString(tooLarge(ex)) + "\n\n");
	}

	private static Map<String, Object> tooLarge(MessageTooLarge ex) {
		return Map.of("status", 413, "error", "Content Too Large", "message", String.valueOf(ex.getMessage()));
	}

	record ChatRequest(@Nullable String message) {
	}

	/** The client of a streamed turn went away (or the stream timed out). */
	static final class ClientGone extends RuntimeException {

		ClientGone(Exception cause) {
			super("the client of a streamed chat turn went away", cause);
		}

	}

	static final class MessageTooLarge extends RuntimeException {

		MessageTooLarge(int length, int max) {
			super("message is " + length + " characters long; at most " + max + " are accepted");
		}

	}

}
