package com.runcascade.tracing.sdk.anthropic;

import java.util.ArrayList;
import java.util.List;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.RawContentBlockDelta;
import com.anthropic.models.messages.RawContentBlockDeltaEvent;
import com.anthropic.models.messages.RawContentBlockStartEvent;
import com.anthropic.models.messages.RawMessageDeltaEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;
import com.runcascade.tracing.sdk.SdkModels;
import com.runcascade.tracing.sdk.StreamAccumulator;

/**
 * Keeps what the span needs from an Anthropic message stream: id and model from
 * {@code message_start}, text, tool-use input and thinking from the content deltas (only when
 * content is captured), stop reason and usage from {@code message_delta}.
 */
final class AnthropicStreamAccumulator implements StreamAccumulator<RawMessageStreamEvent> {

	private final boolean captureContent;

	/** Content blocks by index: text, or a tool name and its streamed JSON input. */
	private final List<Block> blocks = new ArrayList<>();

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable String stopReason;

	private @Nullable Long inputTokens;

	private @Nullable Long outputTokens;

	private @Nullable Long cacheReadTokens;

	private @Nullable Long cacheCreationTokens;

	private boolean usageSeen;

	private boolean stopped;

	AnthropicStreamAccumulator(boolean captureContent) {
		this.captureContent = captureContent;
	}

	@Override
	public boolean accept(RawMessageStreamEvent event) {
		if (event.isContentBlockDelta()) {
			onContentDelta(event.asContentBlockDelta());
			return true;
		}
		if (event.isContentBlockStart()) {
			onContentStart(event.asContentBlockStart());
		}
		else if (event.isMessageStart()) {
			onMessageStart(event.asMessageStart().message());
		}
		else if (event.isMessageDelta()) {
			onMessageDelta(event.asMessageDelta());
		}
		else if (event.isMessageStop()) {
			this.stopped = true;
		}
		return false;
	}

	private void onMessageStart(Message message) {
		this.id = SdkModels.orNull(message::id);
		this.model = SdkModels.orNull(() -> message.model().asString());
		TokenUsage usage = SdkModels.orNull(() -> AnthropicMessages.usage(message.usage()));
		if (usage != null) {
			this.usageSeen = true;
			this.inputTokens = usage.inputTokens();
			this.outputTokens = usage.outputTokens();
			this.cacheReadTokens = usage.cacheReadTokens();
			this.cacheCreationTokens = usage.cacheCreationTokens();
		}
	}

	private void onMessageDelta(RawMessageDeltaEvent event) {
		String reason = SdkModels.orNull(() -> event.delta().stopReason().map((r) -> r.asString()).orElse(null));
		if (reason != null) {
			this.stopReason = reason;
		}
		MessageDeltaUsage usage = SdkModels.orNull(event::usage);
		if (usage == null) {
			return;
		}
		Long output = SdkModels.orNull(usage::outputTokens);
		if (output != null) {
			this.usageSeen = true;
			this.outputTokens = output;
		}
		// Cumulative counts; newer API versions repeat the input side here too.
		Long input = SdkModels.orNull(() -> usage.inputTokens().orElse(null));
		if (input != null) {
			this.usageSeen = true;
			this.inputTokens = input;
		}
		Long cacheRead = SdkModels.orNull(() -> usage.cacheReadInputTokens().orElse(null));
		if (cacheRead != null) {
			this.cacheReadTokens = cacheRead;
		}
		Long cacheCreation = SdkModels.orNull(() -> usage.cacheCreationInputTokens().orElse(null));
		if (cacheCreation != null) {
			this.cacheCreationTokens = cacheCreation;
		}
	}

	private void onContentStart(RawContentBlockStartEvent event) {
		if (!this.captureContent) {
			return;
		}
		RawContentBlockStartEvent.ContentBlock block = event.contentBlock();
		if (block.isText()) {
			block(event.index()).text.append(block.asText().text());
		}
		else if (block.isToolUse()) {
			block(event.index()).toolName = block.asToolUse().name();
		}
		else if (block.isThinking()) {
			Block thinking = block(event.index());
			thinking.thinking = true;
			thinking.text.append(block.asThinking().thinking());
		}
		else if (block.isRedactedThinking()) {
			Block thinking = block(event.index());
			thinking.thinking = true;
			thinking.text.append(AnthropicMessages.REDACTED_THINKING);
		}
	}

	private void onContentDelta(RawContentBlockDeltaEvent event) {
		if (!this.captureContent) {
			return;
		}
		RawContentBlockDelta delta = event.delta();
		if (delta.isText()) {
			block(event.index()).text.append(delta.asText().text());
		}
		else if (delta.isInputJson()) {
			block(event.index()).text.append(delta.asInputJson().partialJson());
		}
		else if (delta.isThinking()) {
			Block thinking = block(event.index());
			thinking.thinking = true;
			thinking.text.append(delta.asThinking().thinking());
		}
	}

	private Block block(long index) {
		int position = (int) Math.max(0, Math.min(index, 10_000));
		while (this.blocks.size() <= position) {
			this.blocks.add(new Block());
		}
		return this.blocks.get(position);
	}

	@Override
	public boolean finished() {
		return this.stopped;
	}

	@Override
	public LlmResponse response() {
		String completion = null;
		String reasoning = null;
		if (this.captureContent) {
			StringBuilder text = new StringBuilder();
			StringBuilder thinking = new StringBuilder();
			for (Block block : this.blocks) {
				if (block.thinking) {
					if (!block.text.isEmpty()) {
						AnthropicMessages.appendLine(thinking, block.text.toString());
					}
				}
				else if (block.toolName != null) {
					AnthropicMessages.appendLine(text, AnthropicMessages.toolUse(block.toolName,
							block.text.isEmpty() ? "{}" : block.text.toString()));
				}
				else if (!block.text.isEmpty()) {
					AnthropicMessages.appendLine(text, block.text.toString());
				}
			}
			completion = text.isEmpty() ? null : text.toString();
			reasoning = thinking.isEmpty() ? null : thinking.toString();
		}
		TokenUsage usage = this.usageSeen ? new TokenUsage(this.inputTokens, this.outputTokens, this.cacheReadTokens,
				this.cacheCreationTokens, false) : null;
		return new LlmResponse(this.model, this.id, (this.stopReason != null) ? List.of(this.stopReason) : List.of(),
				completion, usage, reasoning);
	}

	private static final class Block {

		final StringBuilder text = new StringBuilder();

		@Nullable String toolName;

		/** A thinking (or redacted thinking) block: its text is reasoning, not completion. */
		boolean thinking;

	}

}
