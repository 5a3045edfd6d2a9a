package com.runcascade.tracing.springai;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.internal.ToolCallReactiveContextHolder;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.util.ClassUtils;

/**
 * The one place where this package touches Spring AI API that differs between the Spring AI lines
 * the starters support. This is the Spring AI 1.1 version, compiled by the Spring Boot 3 module in
 * place of the Spring AI 2.0 one (same name, same methods).
 *
 * <p>
 * Spring AI 1.1 keeps the provider's usage as Spring AI's own {@code OpenAiApi.Usage} or
 * {@code AnthropicApi.Usage}, and only on a model's first round trip: from the second one on,
 * its models report the sum of all rounds so far as a plain {@code DefaultUsage}, without the
 * native object, so cache and reasoning tokens are then unknown.
 */
final class SpringAiLine {

	/**
	 * Whether a chat model given tools runs the tool loop itself (1.1: yes, unless told not to). In
	 * {@code stream()} it then starts each tool call and the next round trip inside the round trip's
	 * observation, which stays open until the whole stream ends.
	 */
	static final boolean MODEL_RUNS_TOOL_LOOP = true;

	private static final ClassLoader classLoader = SpringAiLine.class.getClassLoader();

	private static final boolean OPENAI_PRESENT = ClassUtils
		.isPresent("org.springframework.ai.openai.api.OpenAiApi$Usage", classLoader);

	private static final boolean ANTHROPIC_PRESENT = ClassUtils
		.isPresent("org.springframework.ai.anthropic.api.AnthropicApi$Usage", classLoader);

	/** Where the answer of {@link #isStreaming} is kept in the observation context. */
	private static final Object STREAMING_KEY = new Object();

	/** Where the last round's running sum of a tool loop is kept, in the observation around the loop. */
	private static final Object LAST_ROUND_KEY = new Object();

	/** The same for a loop with no observation around it: its rounds run on the caller's thread. */
	private static final ThreadLocal<AtomicReference<@Nullable Usage>> lastRoundOnThread = ThreadLocal
		.withInitial(AtomicReference::new);

	private static final StackWalker stackWalker = StackWalker
		.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private SpringAiLine() {
	}

	/**
	 * Whether a chat model request streams its response. Spring AI 1.1's context does not say; the
	 * model's method that starts the observation does ({@code internalStream} or a lambda in it,
	 * against {@code internalCall}), so the first chat model frame on the stack decides, while the
	 * observation starts. The answer is kept in the context for the calls that come later, from
	 * other threads.
	 * @param model the request's observation context
	 * @return whether the response is streamed
	 */
	static boolean isStreaming(ChatModelObservationContext model) {
		Object known = model.get(STREAMING_KEY);
		if (known instanceof Boolean streaming) {
			return streaming;
		}
		boolean streaming = startedByStream();
		model.put(STREAMING_KEY, streaming);
		return streaming;
	}

	private static boolean startedByStream() {
		try {
			Optional<String> method = stackWalker.walk((frames) -> frames
				.filter((frame) -> StreamingChatModel.class.isAssignableFrom(frame.getDeclaringClass()))
				.map(StackWalker.StackFrame::getMethodName)
				.findFirst());
			return method.map((name) -> name.contains("tream")).orElse(false);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The id the model gave a tool call: Spring AI 1.1's tool calling observation has none.
	 * @param tool the tool call's observation context
	 * @return {@code null}
	 */
	static @Nullable String toolCallId(ToolCallingObservationContext tool) {
		return null;
	}

	/**
	 * The input tokens read from the provider's prompt cache, from the native usage.
	 * @param usage Spring AI's usage
	 * @return the cache read tokens, or {@code null}
	 */
	static @Nullable Long cacheReadTokens(Usage usage) {
		Object nativeUsage = usage.getNativeUsage();
		if (nativeUsage == null) {
			return null;
		}
		try {
			if (OPENAI_PRESENT) {
				Long tokens = OpenAi.cachedTokens(nativeUsage);
				if (tokens != null) {
					return tokens;
				}
			}
			return ANTHROPIC_PRESENT ? Anthropic.cacheReadTokens(nativeUsage) : null;
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * The input tokens written to the provider's prompt cache (Anthropic only), from the native
	 * usage.
	 * @param usage Spring AI's usage
	 * @return the cache write tokens, or {@code null}
	 */
	static @Nullable Long cacheWriteTokens(Usage usage) {
		Object nativeUsage = usage.getNativeUsage();
		if (nativeUsage == null || !ANTHROPIC_PRESENT) {
			return null;
		}
		try {
			return Anthropic.cacheWriteTokens(nativeUsage);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * The reasoning tokens (OpenAI only), from the native usage.
	 * @param usage Spring AI's usage
	 * @return the reasoning tokens, or {@code null}
	 */
	static @Nullable Long reasoningTokens(Usage usage) {
		Object nativeUsage = usage.getNativeUsage();
		if (nativeUsage == null || !OPENAI_PRESENT) {
			return null;
		}
		try {
			return OpenAi.reasoningTokens(nativeUsage);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * The usage of this round trip alone. Spring AI 1.1's models run the tool loop themselves and,
	 * from the second round trip on, report the sum of all rounds so far, without the provider's
	 * native usage (the first round trip has it). So a usage with native usage starts a loop, and one
	 * without (or, from a streamed round trip's aggregation, with a map in its place) is the running sum: the previous round's sum, kept in the nearest observation around
	 * the loop that is not a model request (or on the thread when there is none), is subtracted.
	 * @param model the request's observation context
	 * @param reported the usage the model reported
	 * @return the round trip's own usage
	 */
	static @Nullable Usage roundUsage(ChatModelObservationContext model, @Nullable Usage reported) {
		if (reported == null) {
			return null;
		}
		Usage previous = lastRound(model).getAndSet(reported);
		if (hasProviderUsage(reported) || previous == null) {
			return reported;
		}
		Integer prompt = minus(reported.getPromptTokens(), previous.getPromptTokens());
		Integer completion = minus(reported.getCompletionTokens(), previous.getCompletionTokens());
		if (prompt == null || completion == null) {
			return reported;
		}
		return new DefaultUsage(prompt, completion, prompt + completion);
	}

	/**
	 * Whether a usage carries the provider's own usage object. Spring AI's aggregation of a stream
	 * shows its token counts as a map there instead, and holds the running sum (1.1).
	 */
	private static boolean hasProviderUsage(Usage usage) {
		Object nativeUsage = usage.getNativeUsage();
		return nativeUsage != null && !(nativeUsage instanceof Map);
	}

	private static @Nullable Integer minus(@Nullable Integer sum, @Nullable Integer previous) {
		if (sum == null || previous == null || sum < previous) {
			return null;
		}
		return sum - previous;
	}

	/**
	 * Where a loop's last running sum is kept. The rounds of a streamed loop are nested observations
	 * (each tool call and the next round trip start inside the round trip's observation), so the
	 * outermost round trip holds it; the rounds of a called loop follow one another, so the
	 * observation around them does, or the thread when there is none.
	 */
	@SuppressWarnings("unchecked")
	private static AtomicReference<@Nullable Usage> lastRound(ChatModelObservationContext model) {
		Observation.ContextView holder = null;
		if (isStreaming(model)) {
			holder = model;
			ObservationView parent = model.getParentObservation();
			while (parent != null && parent.getContextView() instanceof ChatModelObservationContext round) {
				holder = round;
				parent = round.getParentObservation();
			}
		}
		else {
			ObservationView parent = model.getParentObservation();
			while (parent != null) {
				holder = parent.getContextView();
				if (!(holder instanceof ChatModelObservationContext)) {
					break;
				}
				parent = holder.getParentObservation();
			}
		}
		if (holder instanceof Observation.Context context) {
			return context.computeIfAbsent(LAST_ROUND_KEY, (key) -> new AtomicReference<@Nullable Usage>());
		}
		return lastRoundOnThread.get();
	}

	/**
	 * The observation of the streamed model round trip whose tool calls the current thread executes.
	 * Spring AI 1.1's models execute a streamed round trip's tool calls on another thread, with the
	 * stream's Reactor context in {@code ToolCallReactiveContextHolder}; the round trip's observation
	 * is the current one there.
	 * @return the round trip's observation, or {@code null} outside a streamed tool loop
	 */
	static @Nullable Observation toolLoopObservation() {
		try {
			return ToolCallReactiveContextHolder.getContext().getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * A copy of the options with other tool callbacks; the options themselves are left as they are.
	 * Spring AI 1.1's options are mutable beans: copy, then set.
	 * @param options the request's options
	 * @param callbacks the tool callbacks the copy offers
	 * @return the copy
	 */
	static ChatOptions withToolCallbacks(ToolCallingChatOptions options, List<ToolCallback> callbacks) {
		ToolCallingChatOptions copy = options.copy();
		copy.setToolCallbacks(callbacks);
		return copy;
	}

	/**
	 * Whether an advisor runs a streamed tool calling loop around the rest of the chain. Spring AI 1.1
	 * has none: its models run the loop, and its opt-in {@code ToolCallAdvisor} does not stream.
	 * @param advisor an advisor of the chain
	 * @return {@code false}
	 */
	static boolean isToolCallingAdvisor(Advisor advisor) {
		return false;
	}

	private static @Nullable Long toLong(@Nullable Integer value) {
		return (value != null) ? value.longValue() : null;
	}

	/** Loaded only when Spring AI's OpenAI model is present. */
	private static final class OpenAi {

		static @Nullable Long cachedTokens(Object nativeUsage) {
			if (nativeUsage instanceof org.springframework.ai.openai.api.OpenAiApi.Usage usage
					&& usage.promptTokensDetails() != null) {
				return toLong(usage.promptTokensDetails().cachedTokens());
			}
			return null;
		}

		static @Nullable Long reasoningTokens(Object nativeUsage) {
			if (nativeUsage instanceof org.springframework.ai.openai.api.OpenAiApi.Usage usage
					&& usage.completionTokenDetails() != null) {
				return toLong(usage.completionTokenDetails().reasoningTokens());
			}
			return null;
		}

	}

	/** Loaded only when Spring AI's Anthropic model is present. */
	private static final class Anthropic {

		static @Nullable Long cacheReadTokens(Object nativeUsage) {
			if (nativeUsage instanceof org.springframework.ai.anthropic.api.AnthropicApi.Usage usage) {
				return toLong(usage.cacheReadInputTokens());
			}
			return null;
		}

		static @Nullable Long cacheWriteTokens(Object nativeUsage) {
			if (nativeUsage instanceof org.springframework.ai.anthropic.api.AnthropicApi.Usage usage) {
				return toLong(usage.cacheCreationInputTokens());
			}
			return null;
		}

	}

}
