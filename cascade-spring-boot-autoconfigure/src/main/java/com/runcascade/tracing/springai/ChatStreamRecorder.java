package com.runcascade.tracing.springai;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.LlmUsage;

/**
 * Follows one streamed model response chunk by chunk, without holding the chunks back: notes the
 * first token, collects the text, tool calls, finish reasons and the usage of the chunks that carry
 * it, and ends the call when the stream completes, fails or is cancelled.
 */
final class ChatStreamRecorder {

	private final LlmCall call;

	private final boolean cacheIncludedInInput;

	private final boolean captureContent;

	private final StringBuilder completion = new StringBuilder();

	private Set<String> finishReasons = Set.of();

	private @Nullable String model;

	private @Nullable String id;

	private @Nullable LlmUsage usage;

	private boolean contentSeen;

	ChatStreamRecorder(LlmCall call, boolean cacheIncludedInInput, boolean captureContent) {
		this.call = call;
		this.cacheIncludedInInput = cacheIncludedInInput;
		this.captureContent = captureContent;
	}

	synchronized void chunk(ChatClientResponse chunk) {
		try {
			ChatResponse response = chunk.chatResponse();
			if (response == null) {
				return;
			}
			boolean content = false;
			Set<String> reasons = new LinkedHashSet<>();
			for (Generation generation : response.getResults()) {
				if (SpringAiConversions.hasOutput(generation)) {
					content = true;
					if (this.captureContent) {
						SpringAiConversions.appendOutput(this.completion, generation);
					}
				}
				SpringAiConversions.addFinishReason(reasons, generation);
			}
			if (!reasons.isEmpty()) {
				this.finishReasons = reasons;
			}
			if (content && !this.contentSeen) {
				this.contentSeen = true;
				this.call.firstToken();
			}
			ChatResponseMetadata metadata = response.getMetadata();
			this.model = orPrevious(SpringAiConversions.blankToNull(metadata.getModel()), this.model);
			this.id = orPrevious(SpringAiConversions.blankToNull(metadata.getId()), this.id);
			this.usage = orPrevious(SpringAiConversions.usage(metadata.getUsage(), this.cacheIncludedInInput),
					this.usage);
		}
		catch (RuntimeException ex) {
			// A chunk Cascade cannot read is still passed on unchanged.
		}
	}

	void complete() {
		this.call.end(response());
	}

	void fail(Throwable error) {
		this.call.fail(error, response());
	}

	void cancel() {
		this.call.cancel(response());
	}

	private synchronized LlmResponse response() {
		return new LlmResponse(this.model, this.id, List.copyOf(this.finishReasons),
				this.captureContent ? this.completion.toString() : null, this.usage);
	}

	private static <T> @Nullable T orPrevious(@Nullable T value, @Nullable T previous) {
		return (value != null) ? value : previous;
	}

}
