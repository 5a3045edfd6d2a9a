package com.runcascade.tracing.springai;

import java.util.List;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.api.ToolAdvisor;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.util.ClassUtils;

/**
 * The one place where this package touches Spring AI API that differs between the Spring AI lines
 * the starters support. This is the Spring AI 2.0 version; the Spring Boot 3 module compiles the
 * same package with a Spring AI 1.1 version of this class (same name, same methods) in its place.
 * Everything else in the package must compile against both lines, so a 2.0-only call belongs
 * here, behind a method the 1.1 version can answer too.
 */
final class SpringAiLine {

	/**
	 * Whether a chat model given tools runs the tool loop itself (2.0: no, its models return the
	 * tool calls and a ChatClient advisor runs the loop).
	 */
	static final boolean MODEL_RUNS_TOOL_LOOP = false;

	private static final boolean OPENAI_SDK_PRESENT = ClassUtils
		.isPresent("com.openai.models.completions.CompletionUsage", SpringAiLine.class.getClassLoader());

	private SpringAiLine() {
	}

	/**
	 * Whether a chat model request streams its response.
	 * @param model the request's observation context
	 * @return whether the response is streamed
	 */
	static boolean isStreaming(ChatModelObservationContext model) {
		return model.isStreaming();
	}

	/**
	 * The id the model gave a tool call, or {@code null} when the observation has none.
	 * @param tool the tool call's observation context
	 * @return the tool call id
	 */
	static @Nullable String toolCallId(ToolCallingObservationContext tool) {
		return tool.getToolCallId();
	}

	/**
	 * The input tokens read from the provider's prompt cache, or {@code null} when not reported.
	 * @param usage Spring AI's usage
	 * @return the cache read tokens
	 */
	static @Nullable Long cacheReadTokens(Usage usage) {
		return usage.getCacheReadInputTokens();
	}

	/**
	 * The input tokens written to the provider's prompt cache, or {@code null} when not reported.
	 * @param usage Spring AI's usage
	 * @return the cache write tokens
	 */
	static @Nullable Long cacheWriteTokens(Usage usage) {
		return usage.getCacheWriteInputTokens();
	}

	/**
	 * The reasoning tokens, which Spring AI's provider-neutral usage leaves out, read from the
	 * provider's own usage object; {@code null} when it has none. Spring AI's OpenAI model keeps the
	 * OpenAI SDK's {@code CompletionUsage} there; the SDK is optional, so its types are only touched
	 * when it is on the class path.
	 * @param usage Spring AI's usage
	 * @return the reasoning tokens
	 */
	static @Nullable Long reasoningTokens(Usage usage) {
		Object nativeUsage = usage.getNativeUsage();
		if (nativeUsage == null || !OPENAI_SDK_PRESENT) {
			return null;
		}
		try {
			return OpenAiSdk.reasoningTokens(nativeUsage);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * The usage of this round trip alone. Spring AI 2.0's models report each round trip's own.
	 * @param model the request's observation context
	 * @param reported the usage the model reported
	 * @return {@code reported}
	 */
	static @Nullable Usage roundUsage(ChatModelObservationContext model, @Nullable Usage reported) {
		return reported;
	}

	/**
	 * The observation of the streamed model round trip whose tool calls the current thread executes,
	 * for a model that runs the tool loop itself: none on 2.0.
	 * @return {@code null}
	 */
	static @Nullable Observation toolLoopObservation() {
		return null;
	}

	/**
	 * A copy of the options with other tool callbacks; the options themselves are left as they are.
	 * @param options the request's options
	 * @param callbacks the tool callbacks the copy offers
	 * @return the copy
	 */
	static ChatOptions withToolCallbacks(ToolCallingChatOptions options, List<ToolCallback> callbacks) {
		return options.mutate().toolCallbacks(callbacks).build();
	}

	/**
	 * Whether an advisor runs the tool calling loop, calling the rest of the chain once per model
	 * round trip (Spring AI 2.0's {@code ToolCallingAdvisor} and any other {@link ToolAdvisor}).
	 * @param advisor an advisor of the chain
	 * @return whether it is a tool calling advisor
	 */
	static boolean isToolCallingAdvisor(Advisor advisor) {
		return advisor instanceof ToolAdvisor;
	}

	/** Loaded only when the OpenAI SDK is present. */
	private static final class OpenAiSdk {

		static @Nullable Long reasoningTokens(Object nativeUsage) {
			if (nativeUsage instanceof com.openai.models.completions.CompletionUsage usage) {
				return usage.completionTokensDetails().flatMap((details) -> details.reasoningTokens()).orElse(null);
			}
			return null;
		}

	}

}
