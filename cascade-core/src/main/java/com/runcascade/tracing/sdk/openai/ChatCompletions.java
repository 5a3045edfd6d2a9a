package com.runcascade.tracing.sdk.openai;

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

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;
import com.runcascade.tracing.sdk.SdkModels;
import com.runcascade.tracing.sdk.StreamAccumulator;

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
		String model = SdkModels.orDefault(() -> params.model().asString(), "unknown");
		List<LlmRequest.Message> messages = captureContent ? messages(params.messages()) : List.of();
		Long maxTokens = SdkModels.optionalOrNull(params::maxCompletionTokens);
		if (maxTokens == null) {
			maxTokens = SdkModels.optionalOrNull(params::maxTokens);
		}
		return new LlmRequest(provider, model, messages, maxTokens, SdkModels.optionalOrNull(params::temperature),
				SdkModels.optionalOrNull(params::topP), streaming);
	}

	@Override
	public LlmResponse response(ChatCompletion completion, boolean captureContent) {
		List<String> finishReasons = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		for (ChatCompletion.Choice choice : SdkModels.orDefault(completion::choices, List.<ChatCompletion.Choice>of())) {
			String reason = SdkModels.orNull(() -> choice.finishReason().asString());
			if (reason != null) {
				finishReasons.add(reason);
			}
			if (captureContent) {
				ChatCompletionMessage message = SdkModels.orNull(choice::message);
				if (message != null) {
					OpenAiModels.appendLine(reasoning, reasoningContent(SdkModels.orNull(message::_additionalProperties)));
					OpenAiModels.appendLine(text, SdkModels.optionalOrNull(message::content));
					OpenAiModels.appendLine(text, SdkModels.optional(message::refusal).map((r) -> "[refusal] " + r).orElse(null));
					for (ChatCompletionMessageToolCall call : SdkModels.optional(message::toolCalls).orElse(List.of())) {
						OpenAiModels.appendLine(text, toolCall(call));
					}
				}
			}
		}
		return new LlmResponse(SdkModels.orNull(completion::model), SdkModels.orNull(completion::id), finishReasons,
				(captureContent && !text.isEmpty()) ? text.toString() : null,
				SdkModels.optional(completion::usage).map(ChatCompletions::usage).orElse(null),
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
		Object text = SdkModels.orNull(() -> value.asString().orElse(null));
		return (text instanceof String string) ? string : null;
	}

	@Override
	public StreamAccumulator<ChatCompletionChunk> accumulator(ChatCompletionCreateParams params,
			boolean captureContent) {
		boolean usageRequested = SdkModels.optional(params::streamOptions)
			.flatMap(ChatCompletionStreamOptions::includeUsage)
			.orElse(false);
		return new ChatCompletionStreamAccumulator(captureContent, usageRequested);
	}

	static TokenUsage usage(CompletionUsage usage) {
		CompletionUsage.PromptTokensDetails details = SdkModels.optionalOrNull(usage::promptTokensDetails);
		Long cached = (details != null) ? SdkModels.optionalOrNull(details::cachedTokens) : null;
		Long cacheWrite = (details != null) ? SdkModels.optionalOrNull(details::cacheWriteTokens) : null;
		Long reasoning = SdkModels.optional(usage::completionTokensDetails)
			.flatMap((completionDetails) -> SdkModels.optional(completionDetails::reasoningTokens))
			.orElse(null);
		return new TokenUsage(SdkModels.orNull(usage::promptTokens), SdkModels.orNull(usage::completionTokens), cached,
				cacheWrite, true, reasoning);
	}

	private static List<LlmRequest.Message> messages(List<ChatCompletionMessageParam> params) {
		List<LlmRequest.Message> messages = new ArrayList<>(params.size());
		for (ChatCompletionMessageParam param : params) {
			try {
				messages.add(message(param));
			}
			catch (RuntimeException | LinkageError ex) {
				messages.add(new LlmRequest.Message(LlmRequest.Message.USER, "[message]"));
			}
		}
		return messages;
	}

	private static LlmRequest.Message message(ChatCompletionMessageParam message) {
		if (message.isSystem()) {
			var content = message.asSystem().content();
			return new LlmRequest.Message(LlmRequest.Message.SYSTEM,
					content.isText() ? content.asText() : joinText(content.asArrayOfContentParts()));
		}
		if (message.isDeveloper()) {
			var content = message.asDeveloper().content();
			return new LlmRequest.Message(LlmRequest.Message.SYSTEM,
					content.isText() ? content.asText() : joinText(content.asArrayOfContentParts()));
		}
		if (message.isUser()) {
			var content = message.asUser().content();
			return new LlmRequest.Message(LlmRequest.Message.USER,
					content.isText() ? content.asText() : userParts(content.asArrayOfContentParts()));
		}
		if (message.isAssistant()) {
			return new LlmRequest.Message(LlmRequest.Message.ASSISTANT, assistant(message.asAssistant()));
		}
		if (message.isTool()) {
			var tool = message.asTool();
			var content = tool.content();
			return new LlmRequest.Message(LlmRequest.Message.TOOL, OpenAiModels.toolResult(tool.toolCallId(),
					content.isText() ? content.asText() : joinText(content.asArrayOfContentParts())));
		}
		if (message.isFunction()) {
			var function = message.asFunction();
			return new LlmRequest.Message(LlmRequest.Message.TOOL, OpenAiModels.toolResult(function.name(), function.content().orElse("")));
		}
		return new LlmRequest.Message(LlmRequest.Message.USER, "[message]");
	}

	private static String assistant(ChatCompletionAssistantMessageParam assistant) {
		StringBuilder text = new StringBuilder();
		assistant.content().ifPresent((content) -> {
			if (content.isText()) {
				OpenAiModels.appendLine(text, content.asText());
			}
			else {
				for (var part : content.asArrayOfContentParts()) {
					OpenAiModels.appendLine(text, part.isText() ? part.asText().text()
							: part.isRefusal() ? "[refusal] " + part.asRefusal().refusal() : null);
				}
			}
		});
		assistant.refusal().ifPresent((refusal) -> OpenAiModels.appendLine(text, "[refusal] " + refusal));
		assistant.functionCall()
			.ifPresent((call) -> OpenAiModels.appendLine(text, OpenAiModels.toolUse(call.name(), call.arguments())));
		for (ChatCompletionMessageToolCall call : assistant.toolCalls().orElse(List.of())) {
			OpenAiModels.appendLine(text, toolCall(call));
		}
		return text.toString();
	}

	static @Nullable String toolCall(ChatCompletionMessageToolCall call) {
		try {
			if (call.isFunction()) {
				var function = call.asFunction().function();
				return OpenAiModels.toolUse(function.name(), function.arguments());
			}
			if (call.isCustom()) {
				var custom = call.asCustom().custom();
				return OpenAiModels.toolUse(custom.name(), custom.input());
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
				OpenAiModels.appendLine(text, part.asText().text());
			}
			else if (part.isImageUrl()) {
				OpenAiModels.appendLine(text, "[image]");
			}
			else if (part.isInputAudio()) {
				OpenAiModels.appendLine(text, "[audio]");
			}
			else if (part.isFile()) {
				OpenAiModels.appendLine(text, "[file]");
			}
		}
		return text.toString();
	}

	private static String joinText(List<ChatCompletionContentPartText> parts) {
		StringBuilder text = new StringBuilder();
		for (ChatCompletionContentPartText part : parts) {
			OpenAiModels.appendLine(text, part.text());
		}
		return text.toString();
	}

}
