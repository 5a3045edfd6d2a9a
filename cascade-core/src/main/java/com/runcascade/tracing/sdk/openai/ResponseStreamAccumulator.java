package com.runcascade.tracing.sdk.openai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.sdk.SdkModels;
import com.runcascade.tracing.sdk.StreamAccumulator;

/**
 * Keeps what the span needs from a Responses API stream: the final response of the
 * {@code response.completed} (or {@code incomplete}, {@code failed}) event, which carries
 * everything, and until then the id, the model, and the text, reasoning and function-call deltas
 * (only when content is captured), so a stream cut short still shows what arrived.
 */
final class ResponseStreamAccumulator implements StreamAccumulator<ResponseStreamEvent> {

	private final boolean captureContent;

	/** Output items by id, in order: text, or a function name and its streamed arguments. */
	private final Map<String, Item> items = new LinkedHashMap<>();

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable Response finalResponse;

	ResponseStreamAccumulator(boolean captureContent) {
		this.captureContent = captureContent;
	}

	@Override
	public boolean accept(ResponseStreamEvent event) {
		if (event.isOutputTextDelta()) {
			if (this.captureContent) {
				var delta = event.asOutputTextDelta();
				item(delta.itemId()).text.append(delta.delta());
			}
			return true;
		}
		if (event.isFunctionCallArgumentsDelta()) {
			if (this.captureContent) {
				var delta = event.asFunctionCallArgumentsDelta();
				item(delta.itemId()).text.append(delta.delta());
			}
			return true;
		}
		if (event.isReasoningSummaryTextDelta()) {
			if (this.captureContent) {
				var delta = event.asReasoningSummaryTextDelta();
				reasoning(delta.itemId()).append(delta.delta());
			}
			return true;
		}
		if (event.isReasoningTextDelta()) {
			if (this.captureContent) {
				var delta = event.asReasoningTextDelta();
				reasoning(delta.itemId()).append(delta.delta());
			}
			return true;
		}
		if (event.isRefusalDelta()) {
			return true;
		}
		if (event.isCreated()) {
			Response response = event.asCreated().response();
			this.id = SdkModels.orNull(response::id);
			this.model = SdkModels.orNull(() -> OpenAiModels.modelName(response.model()));
		}
		else if (event.isOutputItemAdded() && this.captureContent) {
			ResponseOutputItem item = event.asOutputItemAdded().item();
			if (item.isFunctionCall()) {
				var call = item.asFunctionCall();
				item(call.id().orElse(call.callId())).functionName = call.name();
			}
		}
		else if (event.isCompleted()) {
			this.finalResponse = event.asCompleted().response();
		}
		else if (event.isIncomplete()) {
			this.finalResponse = event.asIncomplete().response();
		}
		else if (event.isFailed()) {
			this.finalResponse = event.asFailed().response();
		}
		return false;
	}

	private Item item(String id) {
		return this.items.computeIfAbsent(id, (key) -> new Item());
	}

	private StringBuilder reasoning(String id) {
		Item item = item(id);
		item.reasoning = true;
		return item.text;
	}

	@Override
	public boolean finished() {
		return this.finalResponse != null;
	}

	@Override
	public LlmResponse response() {
		Response response = this.finalResponse;
		if (response != null) {
			return Responses.INSTANCE.response(response, this.captureContent);
		}
		String completion = null;
		String reasoning = null;
		if (this.captureContent) {
			StringBuilder text = new StringBuilder();
			StringBuilder thoughts = new StringBuilder();
			for (Item item : this.items.values()) {
				if (item.reasoning) {
					OpenAiModels.appendLine(thoughts, item.text.toString());
				}
				else {
					OpenAiModels.appendLine(text, (item.functionName != null)
							? OpenAiModels.toolUse(item.functionName, item.text.toString()) : item.text.toString());
				}
			}
			completion = text.isEmpty() ? null : text.toString();
			reasoning = thoughts.isEmpty() ? null : thoughts.toString();
		}
		return new LlmResponse(this.model, this.id, List.of(), completion, null, reasoning);
	}

	private static final class Item {

		final StringBuilder text = new StringBuilder();

		@Nullable String functionName;

		/** A reasoning item: its summary or reasoning text, kept apart from the completion. */
		boolean reasoning;

	}

}
