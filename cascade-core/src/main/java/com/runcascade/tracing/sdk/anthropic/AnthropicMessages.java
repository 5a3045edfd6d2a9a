package com.runcascade.tracing.sdk.anthropic;

import java.util.ArrayList;
import java.util.List;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.Usage;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;
import com.runcascade.tracing.sdk.SdkModels;

/**
 * Reads Anthropic message requests and responses into Cascade's provider-neutral form. Uses only
 * the long-standing accessors of the params and response models (and tolerates missing fields), so
 * it keeps working across SDK releases.
 */
final class AnthropicMessages {

	static final String PROVIDER = "anthropic";

	static final String REDACTED_THINKING = "[redacted_thinking]";

	private AnthropicMessages() {
	}

	static LlmRequest request(MessageCreateParams params, boolean streaming, boolean captureContent) {
		String model = SdkModels.orDefault(() -> params.model().asString(), "unknown");
		List<LlmRequest.Message> messages = captureContent ? messages(params) : List.of();
		return new LlmRequest(PROVIDER, model, messages, SdkModels.orNull(params::maxTokens),
				SdkModels.orNull(() -> params.temperature().orElse(null)), SdkModels.orNull(() -> params.topP().orElse(null)), streaming);
	}

	static LlmResponse response(Message message, boolean captureContent) {
		String completion = captureContent ? completion(message.content()) : null;
		if (completion != null && completion.isEmpty()) {
			completion = null;
		}
		String reasoning = captureContent ? SdkModels.orNull(() -> reasoning(message.content())) : null;
		List<String> finishReasons = SdkModels.optional(message::stopReason).map((reason) -> List.of(reason.asString()))
			.orElse(List.of());
		return new LlmResponse(SdkModels.orNull(() -> message.model().asString()), SdkModels.orNull(message::id), finishReasons,
				completion, SdkModels.orNull(() -> usage(message.usage())), reasoning);
	}

	/**
	 * The text of the thinking blocks, or {@code null} when there are none. A redacted thinking block
	 * holds only encrypted data: it shows as a marker, so a trace still tells that the model thought.
	 */
	static @Nullable String reasoning(List<ContentBlock> content) {
		StringBuilder text = new StringBuilder();
		for (ContentBlock block : content) {
			if (block.isThinking()) {
				appendLine(text, block.asThinking().thinking());
			}
			else if (block.isRedactedThinking()) {
				appendLine(text, REDACTED_THINKING);
			}
		}
		return text.isEmpty() ? null : text.toString();
	}

	static TokenUsage usage(Usage usage) {
		return new TokenUsage(SdkModels.orNull(usage::inputTokens), SdkModels.orNull(usage::outputTokens),
				SdkModels.orNull(() -> usage.cacheReadInputTokens().orElse(null)),
				SdkModels.orNull(() -> usage.cacheCreationInputTokens().orElse(null)), false);
	}

	private static List<LlmRequest.Message> messages(MessageCreateParams params) {
		List<LlmRequest.Message> messages = new ArrayList<>();
		SdkModels.optional(params::system).ifPresent((system) -> {
			String text = system.isString() ? system.asString() : joinText(system.asTextBlockParams());
			messages.add(new LlmRequest.Message(LlmRequest.Message.SYSTEM, text));
		});
		for (MessageParam message : params.messages()) {
			messages.add(message(message));
		}
		return messages;
	}

	private static LlmRequest.Message message(MessageParam message) {
		String role = role(message);
		MessageParam.Content content = message.content();
		if (content.isString()) {
			return new LlmRequest.Message(role, content.asString());
		}
		List<ContentBlockParam> blocks = content.asBlockParams();
		StringBuilder text = new StringBuilder();
		boolean onlyToolResults = !blocks.isEmpty();
		for (ContentBlockParam block : blocks) {
			onlyToolResults &= block.isToolResult();
			appendLine(text, describeSafely(block));
		}
		return new LlmRequest.Message(onlyToolResults ? LlmRequest.Message.TOOL : role, text.toString());
	}

	/**
	 * The role of a message. A message made by {@code Message.toParam()} holds its role as raw JSON,
	 * which the typed accessor rejects, so the raw value is read then.
	 */
	private static String role(MessageParam message) {
		String role = SdkModels.orNull(() -> message.role().asString());
		if (role == null) {
			role = SdkModels.orNull(() -> message._role().asString().orElse(null));
		}
		return (role != null) ? role : LlmRequest.Message.USER;
	}

	private static String describeSafely(ContentBlockParam block) {
		try {
			return describe(block);
		}
		catch (RuntimeException | LinkageError ex) {
			return "[content]";
		}
	}

	private static String describe(ContentBlockParam block) {
		if (block.isText()) {
			return block.asText().text();
		}
		if (block.isToolUse()) {
			// The raw input: a block made by toParam() holds JSON the typed accessor rejects.
			return toolUse(block.asToolUse().name(), json(block.asToolUse()._input()));
		}
		if (block.isToolResult()) {
			return toolResult(block.asToolResult());
		}
		if (block.isImage()) {
			return "[image]";
		}
		if (block.isDocument()) {
			return "[document]";
		}
		if (block.isThinking() || block.isRedactedThinking()) {
			return "[thinking]";
		}
		return "[content]";
	}

	private static String toolResult(ToolResultBlockParam result) {
		StringBuilder text = new StringBuilder("[tool_result ").append(result.toolUseId());
		if (result.isError().orElse(false)) {
			text.append(" error");
		}
		text.append(']');
		result.content().ifPresent((content) -> {
			text.append(' ');
			if (content.isString()) {
				text.append(content.asString());
			}
			else {
				StringBuilder parts = new StringBuilder();
				for (ToolResultBlockParam.Content.Block part : content.asBlocks()) {
					appendLine(parts, part.isText() ? part.asText().text() : "[" + (part.isImage() ? "image" : "content") + "]");
				}
				text.append(parts);
			}
		});
		return text.toString();
	}

	static String completion(List<ContentBlock> content) {
		StringBuilder text = new StringBuilder();
		for (ContentBlock block : content) {
			if (block.isText()) {
				appendLine(text, block.asText().text());
			}
			else if (block.isToolUse()) {
				appendLine(text, toolUse(block.asToolUse().name(), json(block.asToolUse()._input())));
			}
		}
		return text.toString();
	}

	static String toolUse(String name, String argumentsJson) {
		return "[tool_use " + name + " " + argumentsJson + "]";
	}

	static String json(Object value) {
		try {
			return ObjectMappers.jsonMapper().writeValueAsString(value);
		}
		catch (Exception | LinkageError ex) {
			return "{}";
		}
	}

	private static String joinText(List<TextBlockParam> blocks) {
		StringBuilder text = new StringBuilder();
		for (TextBlockParam block : blocks) {
			appendLine(text, block.text());
		}
		return text.toString();
	}

	static void appendLine(StringBuilder text, String line) {
		if (!text.isEmpty()) {
			text.append('\n');
		}
		text.append(line);
	}

}
