package com.runcascade.sample;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.anthropic.client.AnthropicClient;
import io.opentelemetry.api.trace.Span;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeScope;

/**
 * One chat turn: an orchestrator run that delegates to a planner agent (Spring AI ChatClient with
 * tools) and an executor agent (raw Anthropic SDK client and a helper function).
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

	public Reply chat(String sessionId, String message) {
		int turn = this.turns.computeIfAbsent(sessionId, (id) -> new AtomicInteger()).incrementAndGet();
		try (CascadeScope run = Cascade.traceRun("ChatTurn", Map.of("turn", turn))) {
			// The run's trace, so the chat page can link the reply to it in the trace viewer.
			String traceId = Span.current().getSpanContext().getTraceId();
			String plan;
			try (CascadeScope agent = Cascade.traceAgent("PlannerAgent")) {
				// A model may answer with no text at all; the executor then works without notes.
				plan = Objects.requireNonNullElse(this.planner.prompt().user(message).call().content(), "");
			}
			try (CascadeScope agent = Cascade.traceAgent("ExecutorAgent")) {
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
				String text = answer.content()
					.stream()
					.flatMap((block) -> block.text().stream())
					.map((block) -> block.text())
					.reduce("", String::concat);
				return new Reply(this.formatter.format(plan, text), sessionId, turn, traceId);
			}
		}
	}

	public void end(String sessionId) {
		this.turns.remove(sessionId);
		Cascade.endSession(sessionId);
	}

	/** What the chat endpoint returns; {@code traceId} opens the turn at /cascade?trace=<id>. */
	public record Reply(String reply, String sessionId, int turn, String traceId) {
	}

}
