package com.runcascade.sample;

import io.opentelemetry.api.trace.Span;

import org.springframework.stereotype.Service;

import com.runcascade.tracing.Cascade;

/**
 * One question to the LangChain4j hotel assistant: a {@code HotelRequest} run around the AI service
 * call. Cascade makes the call an agent ({@code HotelAssistant}) with its LLM requests and the tool
 * between them as children, and sums their tokens and cost on the run.
 */
@Service
public class HotelConcierge {

	private final HotelAssistant assistant;

	public HotelConcierge(HotelAssistant assistant) {
		this.assistant = assistant;
	}

	/**
	 * @param sessionId the conversation (the run's session, set by Cascade from the request header)
	 * @param message the user's request
	 * @return the assistant's reply
	 * @throws Exception whatever the model call or the tool throws
	 */
	public Reply ask(String sessionId, String message) throws Exception {
		return Cascade.traceRun("HotelRequest", null, () -> {
			String traceId = Span.current().getSpanContext().getTraceId();
			return new Reply(this.assistant.recommend(message), sessionId, traceId);
		});
	}

	/** What {@code POST /api/assistant} returns; {@code traceId} opens the run at /cascade?trace=&lt;id&gt;. */
	public record Reply(String reply, String sessionId, String traceId) {
	}

}
