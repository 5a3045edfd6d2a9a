package com.runcascade.tracing.sdk.openai;

import java.util.ArrayList;
import java.util.List;

import com.openai.models.chat.completions.ChatCompletionChunk;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;
import com.runcascade.tracing.sdk.SdkModels;
import com.runcascade.tracing.sdk.StreamAccumulator;

/**
 * Keeps what the span needs from a Chat Completions stream: id and model, each choice's text,
 * reasoning ({@code reasoning_content} deltas) and tool calls (only when content is captured), finish reasons, and the usage of the final chunk
 * (sent only when the request set {@code stream_options.include_usage}).
 */
final class ChatCompletionStreamAccumulator implements StreamAccumulator<ChatCompletionChunk> {

	private static final int MAX_INDEX = 1_000;

	private final boolean captureContent;

	private final boolean usageRequested;

	private final List<Choice> choices = new ArrayList<>(1);

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable TokenUsage usage;

	ChatCompletionStreamAccumulator(boolean captureContent, boolean usageRequested) {
		this.captureContent = captureContent;
		this.usageRequested = usageRequested;
	}

	@Override
	public boolean accept(ChatCompletionChunk chunk) {
		if (this.id == null) {
			this.id = SdkModels.orNull(chunk::id);
		}
		String model = SdkModels.orNull(chunk::model);
		if (model != null) {
			this.model = model;
		}
		SdkModels.optional(chunk::usage).ifPresent((usage) -> this.usage = ChatCompletions.usage(usage));
		boolean content = false;
		for (ChatCompletionChunk.Choice choice : SdkModels.orDefault(chunk::choices,
				List.<ChatCompletionChunk.Choice>of())) {
			Choice state = choice(choice.index());
			ChatCompletionChunk.Choice.Delta delta = choice.delta();
			String reasoning = ChatCompletions.reasoningContent(SdkModels.orNull(delta::_additionalProperties));
			if (reasoning != null && !reasoning.isEmpty()) {
				content = true;
				if (this.captureContent) {
					state.reasoning.append(reasoning);
				}
			}
			String text = SdkModels.optionalOrNull(delta::content);
			if (text != null && !text.isEmpty()) {
				content = true;
				if (this.captureContent) {
					state.text.append(text);
				}
			}
			String refusal = SdkModels.optionalOrNull(delta::refusal);
			if (refusal != null && !refusal.isEmpty()) {
				content = true;
				if (this.captureContent) {
					state.refusal.append(refusal);
				}
			}
			for (ChatCompletionChunk.Choice.Delta.ToolCall call : SdkModels.optional(delta::toolCalls)
				.orElse(List.of())) {
				content = true;
				if (this.captureContent) {
					ToolCall tool = state.toolCall(call.index());
					call.function().ifPresent((function) -> {
						function.name().ifPresent((name) -> tool.name = name);
						function.arguments().ifPresent(tool.arguments::append);
					});
				}
			}
			SdkModels.optional(choice::finishReason).ifPresent((reason) -> state.finishReason = reason.asString());
		}
		return content;
	}

	private Choice choice(long index) {
		int position = (int) Math.max(0, Math.min(index, MAX_INDEX));
		while (this.choices.size() <= position) {
			this.choices.add(new Choice());
		}
		return this.choices.get(position);
	}

	@Override
	public boolean finished() {
		if (this.choices.isEmpty()) {
			return false;
		}
		for (Choice choice : this.choices) {
			if (choice.finishReason == null) {
				return false;
			}
		}
		return this.usage != null || !this.usageRequested;
	}

	@Override
	public LlmResponse response() {
		List<String> finishReasons = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		for (Choice choice : this.choices) {
			if (choice.finishReason != null) {
				finishReasons.add(choice.finishReason);
			}
			if (this.captureContent) {
				OpenAiModels.appendLine(reasoning, choice.reasoning.toString());
				OpenAiModels.appendLine(text, choice.text.toString());
				if (!choice.refusal.isEmpty()) {
					OpenAiModels.appendLine(text, "[refusal] " + choice.refusal);
				}
				for (ToolCall call : choice.toolCalls) {
					if (call.name != null) {
						OpenAiModels.appendLine(text, OpenAiModels.toolUse(call.name, call.arguments.toString()));
					}
				}
			}
		}
		return new LlmResponse(this.model, this.id, finishReasons, (this.captureContent && !text.isEmpty()) ? text.toString() : null,
				this.usage, (this.captureContent && !reasoning.isEmpty()) ? reasoning.toString() : null);
	}

	private static final class Choice {

		final StringBuilder text = new StringBuilder();

		final StringBuilder refusal = new StringBuilder();

		final StringBuilder reasoning = new StringBuilder();

		final List<ToolCall> toolCalls = new ArrayList<>(0);

		@Nullable String finishReason;

		ToolCall toolCall(long index) {
			int position = (int) Math.max(0, Math.min(index, MAX_INDEX));
			while (this.toolCalls.size() <= position) {
				this.toolCalls.add(new ToolCall());
			}
			return this.toolCalls.get(position);
		}

	}

	private static final class ToolCall {

		@Nullable String name;

		final StringBuilder arguments = new StringBuilder();

	}

}
