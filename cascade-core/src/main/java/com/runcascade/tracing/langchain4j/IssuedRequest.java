package com.runcascade.tracing.langchain4j;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.opentelemetry.context.Context;

/**
 * A model request an AI service announced with its request issued event, recorded from its response
 * received event unless a Cascade listener on the model recorded it. LangChain4j fires the event and
 * then calls the model, whose listeners' {@code onRequest} runs on the same thread (call and stream
 * alike), so the event leaves the request on its thread and the listener marks it there.
 */
final class IssuedRequest {

	/**
	 * The request this thread's AI service just announced; one per thread, replaced by the next and
	 * cleared by the listener and by the AI service's response, completed and error events.
	 */
	private static final ThreadLocal<IssuedRequest> announced = new ThreadLocal<>();

	final ChatRequest request;

	final Context parent;

	final long startNanoTime;

	private volatile boolean recordedByListener;

	IssuedRequest(ChatRequest request, Context parent, long startNanoTime) {
		this.request = request;
		this.parent = parent;
		this.startNanoTime = startNanoTime;
	}

	/** The AI service is about to send this request on this thread. */
	void announce() {
		announced.set(this);
	}

	static void clear() {
		announced.remove();
	}

	/**
	 * A Cascade listener records a request on this thread: when it is the one the AI service announced
	 * (the same message objects, which the model passes on unchanged), the events leave it to the
	 * listener. Comparing the messages keeps a request a streaming model left announced on the
	 * caller's thread from taking an unrelated later request's mark.
	 */
	static void markRecorded(ChatRequest sent) {
		IssuedRequest issued = announced.get();
		if (issued == null) {
			return;
		}
		announced.remove();
		if (sameMessages(issued.request.messages(), sent.messages())) {
			issued.recordedByListener = true;
		}
	}

	boolean recordedByListener() {
		return this.recordedByListener;
	}

	private static boolean sameMessages(List<ChatMessage> announced, List<ChatMessage> sent) {
		if (announced.size() != sent.size()) {
			return false;
		}
		for (int i = 0; i < announced.size(); i++) {
			if (announced.get(i) != sent.get(i)) {
				return false;
			}
		}
		return true;
	}

}
