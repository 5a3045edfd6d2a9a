package com.runcascade.tracing.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmMessage;
import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.LlmUsage;
import com.runcascade.tracing.llm.client.StreamAccumulator;

/** Reads Chat Completions requests and responses into Cascade's provider-neutral form. */
final class ChatCompletions implements OpenAiOperation<ChatCompletionCreateParams, ChatCompletion, ChatCompletionChunk> {

	static final ChatCompletions INSTANCE = new ChatCompletions();

	private ChatCompletions() {
	}

	@Override
	public Class<ChatCompletionCreateParams> paramsType() {
		return ChatCompletionCreateParams.class;
	}

	@Override
	public Class<ChatCompletion> responseType() {
		return ChatCompletion.class;
	}

	@Override
	public LlmRequest request(ChatCompletionCreateParams params, String provider, boolean streaming,
			boolean captureContent) {
		String model = Models.orDefault(() -> params.model().asString(), "unknown");
		List<LlmMessage> messages = captureContent ? messages(params.messages()) : List.of();
		Long maxTokens = Models.optionalOrNull(params::maxCompletionTokens);
		if (maxTokens == null) {
			maxTokens = Models.optionalOrNull(params::maxTokens);
		}
		return new LlmRequest(provider, model, messages, maxTokens, Models.optionalOrNull(params::temperature),
				Models.optionalOrNull(params::topP), streaming);
	}

	@Override
	public LlmResponse response(ChatCompletion completion, boolean captureContent) {
		List<String> finishReasons = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		for (ChatCompletion.Choice choice : Models.orDefault(completion::choices, List.<ChatCompletion.Choice>of())) {
			String reason = Models.orNull(() -> choice.finishReason().asString());
			if (reason != null) {
				finishReasons.add(reason);
			}
			if (captureContent) {
				ChatCompletionMessage message = Models.orNull(choice::message);
				if (message != null) {
					Models.appendLine(reasoning, reasoningContent(Models.orNull(message::_additionalProperties)));
					Models.appendLine(text, Models.optionalOrNull(message::content));
					Models.appendLine(text, Models.optional(message::refusal).map((r) -> "[refusal] " + r).orElse(null));
					for (ChatCompletionMessageToolCall call : Models.optional(message::toolCalls).orElse(List.of())) {
						Models.appendLine(text, toolCall(call));
					}
				}
			}
		}
		return new LlmResponse(Models.orNull(completion::model), Models.orNull(completion::id), finishReasons,
				(captureContent && !text.isEmpty()) ? text.toString() : null,
				Models.optional(completion::usage).map(ChatCompletions::usage).orElse(null),
				(captureContent && !reasoning.isEmpty()) ? reasoning.toString() : null);
	}

	/**
	 * The reasoning an OpenAI-compatible provider adds to a message or a streamed delta:
	 * {@code reasoning_content} (DeepSeek, vLLM, most others) or {@code reasoning} (OpenRouter). The
	 * OpenAI SDK does not model either, so they arrive as additional properties.
	 * @param properties the message's or delta's additional properties
	 * @return the reasoning text, or {@code null}
	 */
	static @Nullable String reasoningContent(@Nullable Map<String, JsonValue> properties) {
		if (properties == null || properties.isEmpty()) {
			return null;
		}
		String reasoning = stringProperty(properties, "reasoning_content");
		return (reasoning != null) ? reasoning : stringProperty(properties, "reasoning");
	}

	private static @Nullable String stringProperty(Map<String, JsonValue> properties, String name) {
		JsonValue value = properties.get(name);
		if (value == null) {
			return null;
		}
		// JsonValue extends the raw JsonField, so asString() reads as a raw Optional here.
		Object text = Models.orNull(() -> value.asString().orElse(null));
		return (text instanceof String string) ? string : null;
	}

	@Override
	public StreamAccumulator<ChatCompletionChunk> accumulator(ChatCompletionCreateParams params,
			boolean captureContent) {
		boolean usageRequested = Models.optional(params::streamOptions)
			.flatMap(ChatCompletionStreamOptions::includeUsage)
			.orElse(false);
		return new ChatCompletionStreamAccumulator(captureContent, usageRequested);
	}

	static LlmUsage usage(CompletionUsage usage) {
		CompletionUsage.PromptTokensDetails details = Models.optionalOrNull(usage::promptTokensDetails);
		Long cached = (details != null) ? Models.optionalOrNull(details::cachedTokens) : null;
		Long cacheWrite = (details != null) ? Models.optionalOrNull(details::cacheWriteTokens) : null;
		Long reasoning = Models.optional(usage::completionTokensDetails)
			.flatMap((completionDetails) -> Models.optional(completionDetails::reasoningTokens))
			.orElse(null);
		return new LlmUsage(Models.orNull(usage::promptTokens), Models.orNull(usage::completionTokens), cached,
				cacheWrite, true, reasoning);
	}

	private static List<LlmMessage> messages(List<ChatCompletionMessageParam> params) {
		List<LlmMessage> messages = new ArrayList<>(params.size());
		for (ChatCompletionMessageParam param : params) {
			try {
				messages.add(message(param));
			}
			catch (RuntimeException | LinkageError ex) {
				messages.add(new LlmMessage(LlmMessage.USER, "[message]"));
			}
		}
		return messages;
	}

	private static LlmMessage message(ChatCompletionMessageParam message) {
		if (message.isSystem()) {
			var content = message.asSystem().content();
			return new LlmMessage(LlmMessage.SYSTEM,
					content.isText() ? content.asText() : joinText(content.asArrayOfContentParts()));
		}
		if (message.isDeveloper()) {
			var content = message.asDeveloper().content();
			return new LlmMessage(LlmMessage.SYSTEM,
					content.isText() ? content.asText() : joinText(content.asArrayOfContentParts()));
		}
		if (message.isUser()) {
			var content = message.asUser().content();
			return new LlmMessage(LlmMessage.USER,
					content.isText() ? content.asText() : userParts(content.asArrayOfContentParts()));
		}
		if (message.isAssistant()) {
			return new LlmMessage(LlmMessage.ASSISTANT, assistant(message.asAssistant()));
		}
		if (message.isTool()) {
			var tool = message.asTool();
			var content = tool.content();
			return new LlmMessage(LlmMessage.TOOL, Models.toolResult(tool.toolCallId(),
					content.isText() ? content.asText() : joinText(content.asArrayOfContentParts())));
		}
		if (message.isFunction()) {
			var function = message.asFunction();
			return new LlmMessage(LlmMessage.TOOL, Models.toolResult(function.name(), function.content().orElse("")));
		}
		return new LlmMessage(LlmMessage.USER, "[message]");
	}

	private static String assistant(ChatCompletionAssistantMessageParam assistant) {
		StringBuilder text = new StringBuilder();
		assistant.content().ifPresent((content) -> {
			if (content.isText()) {
				Models.appendLine(text, content.asText());
			}
			else {
				for (var part : content.asArrayOfContentParts()) {
					Models.appendLine(text, part.isText() ? part.asText().text()
							: part.isRefusal() ? "[refusal] " + part.asRefusal().refusal() : null);
				}
			}
		});
		assistant.refusal().ifPresent((refusal) -> Models.appendLine(text, "[refusal] " + refusal));
		assistant.functionCall()
			.ifPresent((call) -> Models.appendLine(text, Models.toolUse(call.name(), call.arguments())));
		for (ChatCompletionMessageToolCall call : assistant.toolCalls().orElse(List.of())) {
			Models.appendLine(text, toolCall(call));
		}
		return text.toString();
	}

	static @Nullable String toolCall(ChatCompletionMessageToolCall call) {
		try {
			if (call.isFunction()) {
				var function = call.asFunction().function();
				return Models.toolUse(function.name(), function.arguments());
			}
			if (call.isCustom()) {
				var custom = call.asCustom().custom();
				return Models.toolUse(custom.name(), custom.input());
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// Unreadable tool call: shown as a placeholder.
		}
		return "[tool_use]";
	}

	private static String userParts(List<ChatCompletionContentPart> parts) {
		StringBuilder text = new StringBuilder();
		for (ChatCompletionContentPart part : parts) {
			if (part.isText()) {
				Models.appendLine(text, part.asText().text());
			}
			else if (part.isImageUrl()) {
				Models.appendLine(text, "[image]");
			}
			else if (part.isInputAudio()) {
				Models.appendLine(text, "[audio]");
			}
			else if (part.isFile()) {
				Models.appendLine(text, "[file]");
			}
		}
		return text.toString();
	}

	private static String joinText(List<ChatCompletionContentPartText> parts) {
		StringBuilder text = new StringBuilder();
		for (ChatCompletionContentPartText part : parts) {
			Models.appendLine(text, part.text());
		}
		return text.toString();
	}

}
