package com.runcascade.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link LlmEmulator} answers to one request, whatever the protocol: some text, one or
 * more tool calls, or an HTTP error. Immutable: every {@code with...} method returns a copy.
 *
 * <p>
 * Each protocol renders the same reply in its own shape: a tool call becomes a {@code tool_use}
 * block for Anthropic, a {@code tool_calls} entry for Chat Completions and a
 * {@code function_call} output item for the Responses API.
 *
 * <p>
 * Token counts are sent as each protocol names them, without conversion: Anthropic's
 * {@code input_tokens} excludes cache reads and writes, while OpenAI's {@code prompt_tokens} and
 * {@code input_tokens} include {@code cached_tokens}. Unless {@link #withUsage(long, long)} sets
 * them, input tokens are the request's text length / 4 (every string in its messages, system
 * prompt or instructions, and tools, roles included) and output tokens the reply's length / 4
 * (text, tool names and arguments), both at least 1.
 *
 * @author Cascade
 */
public final class ScriptedReply {

	private final @Nullable String text;

	private final List<ToolCall> toolCalls;

	private final int errorStatus;

	private final @Nullable Long inputTokens;

	private final @Nullable Long outputTokens;

	private final long cacheReadTokens;

	private final long cacheCreationTokens;

	private final boolean usageOmitted;

	private final @Nullable String model;

	private final boolean maxTokensReached;

	private final int cutOffAfterEvents;

	private final Duration chunkDelay;

	private final @Nullable String thinking;

	private ScriptedReply(@Nullable String text, List<ToolCall> toolCalls, int errorStatus,
			@Nullable Long inputTokens, @Nullable Long outputTokens, long cacheReadTokens, long cacheCreationTokens,
			boolean usageOmitted, @Nullable String model, boolean maxTokensReached, int cutOffAfterEvents,
			Duration chunkDelay, @Nullable String thinking) {
		this.text = text;
		this.toolCalls = toolCalls;
		this.errorStatus = errorStatus;
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
		this.cacheReadTokens = cacheReadTokens;
		this.cacheCreationTokens = cacheCreationTokens;
		this.usageOmitted = usageOmitted;
		this.model = model;
		this.maxTokensReached = maxTokensReached;
		this.cutOffAfterEvents = cutOffAfterEvents;
		this.chunkDelay = chunkDelay;
		this.thinking = thinking;
	}

	/**
	 * A plain text answer, streamed word by word.
	 * @param text the assistant's text
	 * @return the reply
	 */
	public static ScriptedReply text(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		return new ScriptedReply(text, List.of(), 0, null, null, 0, 0, false, null, false, -1, Duration.ZERO, null);
	}

	/**
	 * A call of the given tool (function).
	 * @param name the tool name
	 * @param argumentsJson the arguments, a JSON object such as {@code {"city":"Paris"}}
	 * @return the reply
	 */
	public static ScriptedReply toolCall(String name, String argumentsJson) {
		return new ScriptedReply(null, List.of(new ToolCall(name, argumentsJson)), 0, null, null, 0, 0, false, null,
				false, -1, Duration.ZERO, null);
	}

	/**
	 * An HTTP error with the provider's error body, for example {@code 429} for a rate limit
	 * or {@code 500} for a server error.
	 * @param status the HTTP status, 400 to 599
	 * @param message the error message
	 * @return the reply
	 */
	public static ScriptedReply error(int status, String message) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("'status' must be between 400 and 599, was " + status);
		}
		Objects.requireNonNull(message, "'message' must not be null");
		return new ScriptedReply(message, List.of(), status, null, null, 0, 0, false, null, false, -1,
				Duration.ZERO, null);
	}

	/**
	 * Return a copy with the given text, which comes before any tool call.
	 * @param text the assistant's text
	 * @return the new reply
	 */
	public ScriptedReply withText(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		assertNotError();
		return new ScriptedReply(text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, this.model,
				this.maxTokensReached, this.cutOffAfterEvents, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy that also calls the given tool, after the calls already scripted (parallel
	 * tool calls).
	 * @param name the tool name
	 * @param argumentsJson the arguments, a JSON object
	 * @return the new reply
	 */
	public ScriptedReply andToolCall(String name, String argumentsJson) {
		assertNotError();
		List<ToolCall> calls = new ArrayList<>(this.toolCalls);
		calls.add(new ToolCall(name, argumentsJson));
		return new ScriptedReply(this.text, Collections.unmodifiableList(calls), this.errorStatus, this.inputTokens,
				this.outputTokens, this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, this.model,
				this.maxTokensReached, this.cutOffAfterEvents, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy that reports the given token counts instead of the estimated ones.
	 * @param inputTokens the input (prompt) tokens
	 * @param outputTokens the output (completion) tokens
	 * @return the new reply
	 */
	public ScriptedReply withUsage(long inputTokens, long outputTokens) {
		assertNotNegative(inputTokens, "inputTokens");
		assertNotNegative(outputTokens, "outputTokens");
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, inputTokens, outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, this.model,
				this.maxTokensReached, this.cutOffAfterEvents, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy that reports prompt-cache usage: Anthropic's
	 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}, OpenAI's
	 * {@code cached_tokens} (and, for the Responses API, {@code cache_write_tokens}).
	 * @param cacheReadTokens the tokens read from the cache
	 * @param cacheCreationTokens the tokens written to the cache
	 * @return the new reply
	 */
	public ScriptedReply withCacheUsage(long cacheReadTokens, long cacheCreationTokens) {
		assertNotNegative(cacheReadTokens, "cacheReadTokens");
		assertNotNegative(cacheCreationTokens, "cacheCreationTokens");
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				cacheReadTokens, cacheCreationTokens, this.usageOmitted, this.model, this.maxTokensReached,
				this.cutOffAfterEvents, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy that leaves usage out where the protocol allows it: no {@code usage} in a
	 * Chat Completions or Responses body, and no usage chunk in a Chat Completions stream even
	 * when {@code include_usage} is requested. Anthropic requires usage in every message and in
	 * {@code message_start} / {@code message_delta}, so Anthropic replies keep sending the real
	 * (estimated or scripted) counts rather than made-up zeros.
	 * @return the new reply
	 */
	public ScriptedReply withoutUsage() {
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, true, this.model, this.maxTokensReached,
				this.cutOffAfterEvents, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy whose response names the given model rather than echoing the request's.
	 * @param model the model to report
	 * @return the new reply
	 */
	public ScriptedReply withModel(String model) {
		Objects.requireNonNull(model, "'model' must not be null");
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, model, this.maxTokensReached,
				this.cutOffAfterEvents, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy that stops because the output token limit was reached: Anthropic's
	 * {@code max_tokens} stop reason, Chat Completions' {@code length} finish reason, and an
	 * {@code incomplete} Responses API response.
	 * @return the new reply
	 */
	public ScriptedReply withMaxTokensReached() {
		assertNotError();
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, this.model, true,
				this.cutOffAfterEvents, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy whose stream sends the given number of SSE events and then drops the
	 * connection without its terminating events (and without the final HTTP chunk), so the
	 * client sees a truncated stream. A non-streaming request gets the headers and half the
	 * body before the connection drops.
	 * @param events the number of events to send before the cut
	 * @return the new reply
	 */
	public ScriptedReply cutOffAfterEvents(int events) {
		if (events < 0) {
			throw new IllegalArgumentException("'events' must not be negative, was " + events);
		}
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, this.model, this.maxTokensReached,
				events, this.chunkDelay, this.thinking);
	}

	/**
	 * Return a copy whose stream waits the given time between two SSE events.
	 * @param delay the delay between events
	 * @return the new reply
	 */
	public ScriptedReply withChunkDelay(Duration delay) {
		Objects.requireNonNull(delay, "'delay' must not be null");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("'delay' must not be negative, was " + delay);
		}
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, this.model, this.maxTokensReached,
				this.cutOffAfterEvents, delay, this.thinking);
	}

	/**
	 * Return a copy that thinks before it answers: an Anthropic {@code thinking} block (streamed as
	 * {@code thinking_delta} events), a Chat Completions {@code reasoning_content} field (as
	 * DeepSeek and OpenRouter send it) and a Responses API {@code reasoning} item with a summary.
	 * Its tokens are reported as reasoning tokens, counted in the output tokens. Without this, a
	 * reply thinks with a text of its own when the request asks a thinking model (see
	 * {@link LlmEmulator}).
	 * @param thinking the model's reasoning
	 * @return the new reply
	 */
	public ScriptedReply withThinking(String thinking) {
		Objects.requireNonNull(thinking, "'thinking' must not be null");
		assertNotError();
		return new ScriptedReply(this.text, this.toolCalls, this.errorStatus, this.inputTokens, this.outputTokens,
				this.cacheReadTokens, this.cacheCreationTokens, this.usageOmitted, this.model, this.maxTokensReached,
				this.cutOffAfterEvents, this.chunkDelay, thinking);
	}

	@Nullable String thinking() {
		return this.thinking;
	}

	boolean isError() {
		return this.errorStatus != 0;
	}

	int errorStatus() {
		return this.errorStatus;
	}

	String errorMessage() {
		return (this.text != null) ? this.text : "";
	}

	/**
	 * The text, or {@code null} for a reply made of tool calls only.
	 */
	@Nullable String text() {
		return this.text;
	}

	List<ToolCall> toolCalls() {
		return this.toolCalls;
	}

	@Nullable String model() {
		return this.model;
	}

	boolean maxTokensReached() {
		return this.maxTokensReached;
	}

	int cutOffAfterEvents() {
		return this.cutOffAfterEvents;
	}

	Duration chunkDelay() {
		return this.chunkDelay;
	}

	Usage usage(int promptChars, @Nullable String thinking) {
		long input = (this.inputTokens != null) ? this.inputTokens : Math.max(1, promptChars / 4);
		long reasoning = (thinking != null) ? Math.max(1, thinking.length() / 4) : 0;
		// Reasoning tokens are part of the output tokens, as every provider counts them.
		long output = (this.outputTokens != null) ? this.outputTokens : Math.max(1, replyChars() / 4) + reasoning;
		return new Usage(input, output, Math.min(reasoning, output), this.cacheReadTokens, this.cacheCreationTokens,
				this.usageOmitted);
	}

	private int replyChars() {
		int chars = (this.text != null) ? this.text.length() : 0;
		for (ToolCall call : this.toolCalls) {
			chars += call.name().length() + call.arguments().length();
		}
		return chars;
	}

	private void assertNotError() {
		if (isError()) {
			throw new IllegalStateException("An error reply has no content");
		}
	}

	private static void assertNotNegative(long value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException("'" + name + "' must not be negative, was " + value);
		}
	}

	@Override
	public String toString() {
		if (isError()) {
			return "ScriptedReply[error " + this.errorStatus + ": " + this.text + "]";
		}
		return "ScriptedReply[text=" + this.text + ", toolCalls=" + this.toolCalls + "]";
	}

	/**
	 * One tool call, with its arguments as a JSON object string.
	 */
	record ToolCall(String name, String arguments) {

		ToolCall {
			Objects.requireNonNull(name, "'name' must not be null");
			Objects.requireNonNull(arguments, "'arguments' must not be null");
			// Fail at scripting time rather than with a confusing client-side parse error.
			try {
				if (!Json.mapper.readTree(arguments).isObject()) {
					throw new IllegalArgumentException("Tool arguments must be a JSON object: " + arguments);
				}
			}
			catch (JsonProcessingException ex) {
				throw new IllegalArgumentException("Tool arguments must be a JSON object: " + arguments, ex);
			}
		}

		JsonNode input() {
			try {
				return Json.mapper.readTree(this.arguments);
			}
			catch (JsonProcessingException ex) {
				// Parsed once already, in the constructor.
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * The token counts of one reply.
	 */
	record Usage(long input, long output, long reasoning, long cacheRead, long cacheCreation, boolean omitted) {

	}

}
