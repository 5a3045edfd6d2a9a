package com.runcascade.sample;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.anthropic.client.AnthropicClient;
import io.opentelemetry.api.trace.Span;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import com.runcascade.tracing.Cascade;

/**
 * One chat turn: an orchestrator run that delegates to a planner agent (Spring AI ChatClient with
 * tools) and an executor agent (raw Anthropic SDK client and a helper function). A streamed turn
 * is answered by the planner alone, its reply streamed as the model writes it.
 */
@Service
public class ChatService {

	/** Turn counters of the conversations this instance has seen (a sample: not evicted). */
	private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

	private final ChatClient planner;

	private final AnthropicClient executor;

	private final ReplyFormatter formatter;

	private final String model;

	private final long thinkingBudget;

	/**
	 * @param model the executor's model ({@code sample.executor.model}, by default the planner's): the
	 * built-in emulator thinks when its name contains {@code thinking}
	 * @param thinkingBudget tokens the executor may think with ({@code sample.executor.thinking-budget},
	 * 0 for none): turns on Anthropic's extended thinking, at least 1024
	 */
	public ChatService(ChatClient.Builder chatClientBuilder, TravelTools tools, AnthropicClient executor,
			ReplyFormatter formatter,
			@Value("${sample.executor.model:${spring.ai.anthropic.chat.options.model}}") String model,
			@Value("${sample.executor.thinking-budget:0}") long thinkingBudget) {
		this.planner = chatClientBuilder
			.defaultSystem("You are the planner of a travel assistant. Use the tools to gather facts, then "
					+ "summarise a short plan.")
			.defaultTools(tools)
			.build();
		this.executor = executor;
		this.formatter = formatter;
		this.model = model;
		// Anthropic wants a budget of 1024 tokens or more.
		this.thinkingBudget = (thinkingBudget > 0) ? Math.max(1024, thinkingBudget) : 0;
	}

	/**
	 * One chat turn: a {@code ChatTurn} run around the planner and executor agents. A failure in
	 * either is recorded on the agent and the run (status ERROR) and rethrown unchanged.
	 * @param sessionId the conversation
	 * @param message the user's message
	 * @return the reply
	 * @throws Exception whatever a model call or tool throws
	 */
	public Reply chat(String sessionId, String message) throws Exception {
		int turn = nextTurn(sessionId);
		return Cascade.traceRun("ChatTurn", Map.of("turn", turn), () -> {
			// The run's trace, so the chat page can link the reply to it in the trace viewer.
			String traceId = Span.current().getSpanContext().getTraceId();
			// A model may answer with no text at all; the executor then works without notes.
			String plan = Cascade.traceAgent("PlannerAgent", null,
					() -> Objects.requireNonNullElse(this.planner.prompt().user(message).call().content(), ""));
			String reply = Cascade.traceAgent("ExecutorAgent", null,
					() -> this.formatter.format(plan, execute(message, plan)));
			return new Reply(reply, sessionId, turn, traceId);
		});
	}

	private String execute(String message, String plan) {
		MessageCreateParams.Builder params = MessageCreateParams.builder()
			.model(this.model)
			.maxTokens(512 + this.thinkingBudget)
			.system("You are a friendly travel assistant. Answer the user using the plan.")
			.addUserMessage(message + "\n\nnotes from the planner: " + plan);
		if (this.thinkingBudget > 0) {
			// Cascade records the thinking as llm.reasoning, apart from the answer.
			params.enabledThinking(this.thinkingBudget);
		}
		Message answer = this.executor.messages().create(params.build());
		return answer.content()
			.stream()
			.flatMap((block) -> block.text().stream())
			.map((block) -> block.text())
			.reduce("", String::concat);
	}

	/**
	 * One chat turn answered by the planner, streamed: a {@code ChatTurn} run around the planner
	 * agent's {@code ChatClient} stream, tool loop included. Blocks the calling thread (not a request
	 * thread: see {@link ChatController}) until the stream ends, handing each piece of text to the
	 * listener as it arrives. An exception from the listener (the client went away) cancels the stream.
	 * @param sessionId the conversation
	 * @param message the user's message
	 * @param listener told of the turn, then of each piece of the reply
	 * @return the whole reply
	 * @throws Exception whatever the model call, a tool or the listener throws
	 */
	public Reply chatStreamed(String sessionId, String message, StreamListener listener) throws Exception {
		int turn = nextTurn(sessionId);
		return Cascade.traceRun("ChatTurn", Map.of("turn", turn, "streamed", true), () -> {
			String traceId = Span.current().getSpanContext().getTraceId();
			listener.started(sessionId, turn, traceId);
			String reply = Cascade.traceAgent("PlannerAgent", null, () -> {
				StringBuilder text = new StringBuilder();
				// Closing the stream (also when the listener throws) cancels the model's response.
				try (Stream<String> pieces = this.planner.prompt().user(message).stream().content().toStream()) {
					pieces.forEach((piece) -> {
						text.append(piece);
						listener.text(piece);
					});
				}
				return text.toString();
			});
			return new Reply(reply, sessionId, turn, traceId);
		});
	}

	private int nextTurn(String sessionId) {
		return this.turns.computeIfAbsent(sessionId, (id) -> new AtomicInteger()).incrementAndGet();
	}

	public void end(String sessionId) {
		this.turns.remove(sessionId);
		Cascade.endSession(sessionId);
	}

	/** What the chat endpoint returns; {@code traceId} opens the turn at /cascade?trace=<id>. */
	public record Reply(String reply, String sessionId, int turn, String traceId) {
	}

	/** Told of a streamed turn as it goes, on the thread that runs it. */
	public interface StreamListener {

		/**
		 * The turn started; {@code traceId} opens it at /cascade?trace=&lt;id&gt;.
		 * @param sessionId the conversation
		 * @param turn the turn's number in the conversation
		 * @param traceId the run's trace
		 */
		void started(String sessionId, int turn, String traceId);

		/**
		 * The next piece of the reply.
		 * @param text the piece, as the model streamed it
		 */
		void text(String text);

	}

}
