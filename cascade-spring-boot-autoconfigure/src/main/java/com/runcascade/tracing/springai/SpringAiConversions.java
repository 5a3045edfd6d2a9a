package com.runcascade.tracing.springai;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.StringUtils;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;

/**
 * Turns Spring AI prompts and chat responses into Cascade's provider-neutral {@link LlmRequest}
 * and {@link LlmResponse}.
 */
final class SpringAiConversions {

	static final String UNKNOWN = "unknown";

	/**
	 * Metadata key of Spring AI's OpenAI model for an OpenAI-compatible {@code reasoning_content}.
	 * Spring AI 2.0.0 leaves it empty on every streamed chunk (it drops the deltas' reasoning).
	 */
	static final String REASONING_CONTENT = "reasoningContent";

	/** Metadata keys of Spring AI's Anthropic model on thinking generations. */
	private static final String SIGNATURE = "signature";

	private static final String REDACTED_DATA = "data";

	private static final String THINKING = "thinking";

	/** Spring AI 2.0.1's Anthropic model keeps a message's thinking blocks under this key. */
	private static final String ANTHROPIC_THINKING_CONTENTS = "anthropicThinkingContents";

	/**
	 * Whether the provider's input token count already includes the cached tokens. Anthropic (also
	 * through Bedrock) reports them apart; OpenAI and most others count them in.
	 * @param provider the provider name
	 * @return whether cached tokens are part of the input count
	 */
	static boolean cacheIncludedInInput(String provider) {
		return !"anthropic".equals(provider) && !"bedrock_converse".equals(provider);
	}

	/**
	 * What a prompt asks for.
	 * @param prompt the prompt as it goes to the model
	 * @param provider the provider name
	 * @param streaming whether the response is streamed
	 * @param captureContent whether the messages are recorded at all
	 * @return the request in Cascade's form
	 */
	static LlmRequest request(Prompt prompt, String provider, boolean streaming, boolean captureContent) {
		ChatOptions options = prompt.getOptions();
		String model = (options != null && StringUtils.hasText(options.getModel())) ? options.getModel() : UNKNOWN;
		Integer maxTokens = (options != null) ? options.getMaxTokens() : null;
		List<LlmRequest.Message> messages = captureContent ? messages(prompt.getInstructions()) : List.of();
		return new LlmRequest(provider, model, messages,
				(maxTokens != null) ? maxTokens.longValue() : null, (options != null) ? options.getTemperature() : null,
				(options != null) ? options.getTopP() : null, streaming, tools(options));
	}

	/** The tools a prompt offers the model, with the definitions Spring AI sends. */
	static List<LlmRequest.Tool> tools(@Nullable ChatOptions options) {
		if (!(options instanceof ToolCallingChatOptions toolOptions)) {
			return List.of();
		}
		List<ToolCallback> callbacks = toolOptions.getToolCallbacks();
		if (callbacks == null || callbacks.isEmpty()) {
			return List.of();
		}
		List<LlmRequest.Tool> tools = new ArrayList<>(callbacks.size());
		for (ToolCallback callback : callbacks) {
			ToolDefinition definition = callback.getToolDefinition();
			tools.add(new LlmRequest.Tool(definition.name(), blankToNull(definition.description())));
		}
		return tools;
	}

	static List<LlmRequest.Message> messages(List<Message> instructions) {
		List<LlmRequest.Message> messages = new ArrayList<>(instructions.size());
		for (Message message : instructions) {
			switch (message.getMessageType()) {
				case SYSTEM -> messages.add(new LlmRequest.Message(LlmRequest.Message.SYSTEM, text(message.getText())));
				case USER -> messages.add(new LlmRequest.Message(LlmRequest.Message.USER, text(message.getText())));
				case ASSISTANT -> messages.add(new LlmRequest.Message(LlmRequest.Message.ASSISTANT, assistantContent(message)));
				case TOOL -> messages.add(new LlmRequest.Message(LlmRequest.Message.TOOL, toolContent(message)));
			}
		}
		return messages;
	}

	private static String assistantContent(Message message) {
		StringBuilder content = new StringBuilder(text(message.getText()));
		if (message instanceof AssistantMessage assistant) {
			appendToolCalls(content, assistant.getToolCalls());
		}
		return content.toString();
	}

	private static String toolContent(Message message) {
		if (!(message instanceof ToolResponseMessage tool)) {
			return text(message.getText());
		}
		StringBuilder content = new StringBuilder();
		for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
			// The labels the SDK integrations write too: [tool_result <call id>] result
			separate(content).append("[tool_result ").append(response.id()).append("] ");
			content.append(text(response.responseData()));
		}
		return content.toString();
	}

	static void appendToolCalls(StringBuilder content, List<AssistantMessage.ToolCall> toolCalls) {
		for (AssistantMessage.ToolCall toolCall : toolCalls) {
			// [tool_use <name> <arguments as JSON>], as the SDK integrations write it
			String arguments = text(toolCall.arguments());
			separate(content).append("[tool_use ").append(toolCall.name()).append(' ');
			content.append(arguments.isBlank() ? "{}" : arguments).append(']');
		}
	}

	private static StringBuilder separate(StringBuilder content) {
		return (content.length() > 0) ? content.append('\n') : content;
	}

	/**
	 * What a (non-streamed) chat response says.
	 * @param response the response, if any
	 * @param cacheIncludedInInput see {@link #cacheIncludedInInput(String)}
	 * @param captureContent whether the completion is recorded at all
	 * @return the response in Cascade's form
	 */
	static LlmResponse response(@Nullable ChatResponse response, boolean cacheIncludedInInput,
			boolean captureContent) {
		return response(response, cacheIncludedInInput, captureContent, false);
	}

	/**
	 * What a chat response says.
	 * @param response the response, if any
	 * @param cacheIncludedInInput see {@link #cacheIncludedInInput(String)}
	 * @param captureContent whether the completion is recorded at all
	 * @param aggregatedStream whether the response is Spring AI's aggregation of a stream, whose one
	 * generation merges every chunk's text and metadata: reasoning cannot be told apart there, so
	 * it is read from the chunks instead (see {@code SpringAiSpans.ModelCall})
	 * @return the response in Cascade's form
	 */
	static LlmResponse response(@Nullable ChatResponse response, boolean cacheIncludedInInput,
			boolean captureContent, boolean aggregatedStream) {
		if (response == null) {
			return new LlmResponse(null, null, List.of(), null, null);
		}
		ChatResponseMetadata metadata = response.getMetadata();
		StringBuilder completion = new StringBuilder();
		StringBuilder reasoning = new StringBuilder();
		Set<String> finishReasons = new LinkedHashSet<>();
		for (Generation generation : response.getResults()) {
			if (captureContent && aggregatedStream) {
				appendOutput(completion, generation);
			}
			else if (captureContent) {
				String thinking = reasoning(generation);
				// Spring AI 2.0.1 shows Anthropic thinking twice: as a result and on the answer's message.
				if (thinking != null && reasoning.indexOf(thinking) < 0) {
					separate(reasoning).append(thinking);
				}
				if (!isThinking(generation)) {
					appendOutput(completion, generation);
				}
			}
			addFinishReason(finishReasons, generation);
		}
		return new LlmResponse(blankToNull(metadata.getModel()), blankToNull(metadata.getId()),
				List.copyOf(finishReasons), captureContent ? completion.toString() : null,
				usage(metadata.getUsage(), cacheIncludedInInput),
				(reasoning.length() > 0) ? reasoning.toString() : null);
	}

	/**
	 * Whether a generation is the model's thinking rather than its answer. Spring AI's Anthropic
	 * model turns a thinking block into a generation of its own whose text is the thinking and whose
	 * metadata holds the block's {@code signature} (a redacted block: its {@code data}); a streamed
	 * thinking chunk carries {@code thinking=true}.
	 */
	static boolean isThinking(Generation generation) {
		AssistantMessage output = generation.getOutput();
		if (output == null) {
			return false;
		}
		Map<String, Object> metadata = output.getMetadata();
		if (metadata.containsKey(SIGNATURE) || Boolean.TRUE.equals(metadata.get(THINKING))) {
			return true;
		}
		// "data" alone is too common a key: a redacted thinking block has it and nothing else.
		return metadata.containsKey(REDACTED_DATA) && !StringUtils.hasLength(output.getText())
				&& output.getToolCalls().isEmpty();
	}

	/**
	 * The reasoning a generation shows, or {@code null}: the text of a thinking generation
	 * (Anthropic), or the {@code reasoningContent} Spring AI's OpenAI model copies from an
	 * OpenAI-compatible provider's {@code reasoning_content}.
	 */
	static @Nullable String reasoning(Generation generation) {
		AssistantMessage output = generation.getOutput();
		if (output == null) {
			return null;
		}
		Map<String, Object> metadata = output.getMetadata();
		if (isThinking(generation)) {
			String text = output.getText();
			if (StringUtils.hasLength(text)) {
				return text;
			}
			return metadata.containsKey(REDACTED_DATA) ? "[redacted_thinking]" : null;
		}
		Object reasoning = metadata.get(REASONING_CONTENT);
		if (reasoning instanceof String text && StringUtils.hasLength(text)) {
			return text;
		}
		return anthropicThinkingContents(metadata.get(ANTHROPIC_THINKING_CONTENTS));
	}

	/**
	 * The thinking of Spring AI 2.0.1's Anthropic model, which keeps a message's thinking blocks as a
	 * list of its own (package-private) records under {@link #ANTHROPIC_THINKING_CONTENTS}; each
	 * record's {@code thinking} component is read through an accessor looked up once per class.
	 */
	private static @Nullable String anthropicThinkingContents(@Nullable Object contents) {
		if (!(contents instanceof List<?> list) || list.isEmpty()) {
			return null;
		}
		StringBuilder thinking = new StringBuilder();
		for (Object item : list) {
			if (item == null) {
				continue;
			}
			java.lang.reflect.Method accessor = thinkingAccessor.get(item.getClass());
			Object text = null;
			try {
				text = (accessor != null) ? accessor.invoke(item) : null;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// Left out: the record's shape is not what this Spring AI version had.
			}
			String part = (text instanceof String value && StringUtils.hasLength(value)) ? value
					: "[redacted_thinking]";
			if (thinking.length() > 0) {
				thinking.append("\n\n");
			}
			thinking.append(part);
		}
		return (thinking.length() > 0) ? thinking.toString() : null;
	}

	private static final ClassValue<java.lang.reflect.@Nullable Method> thinkingAccessor = new ClassValue<>() {

		@Override
		protected java.lang.reflect.@Nullable Method computeValue(Class<?> type) {
			if (!type.isRecord()) {
				return null;
			}
			for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals("thinking")) {
					java.lang.reflect.Method accessor = component.getAccessor();
					try {
						accessor.setAccessible(true);
						return accessor;
					}
					catch (RuntimeException ex) {
						return null;
					}
				}
			}
			return null;
		}

	};

	/** Whether a generation carries text or tool calls (a streamed chunk may carry neither). */
	static boolean hasOutput(Generation generation) {
		AssistantMessage output = generation.getOutput();
		return output != null && (StringUtils.hasLength(output.getText()) || !output.getToolCalls().isEmpty());
	}

	static void appendOutput(StringBuilder completion, Generation generation) {
		AssistantMessage output = generation.getOutput();
		if (output == null) {
			return;
		}
		String text = output.getText();
		if (text != null) {
			completion.append(text);
		}
		appendToolCalls(completion, output.getToolCalls());
	}

	/**
	 * Adds a generation's finish reason in lower case ({@code stop}, {@code tool_calls},
	 * {@code end_turn}, {@code tool_use}), skipping the blank or unknown placeholders streamed chunks
	 * carry before the last one.
	 */
	static void addFinishReason(Set<String> finishReasons, Generation generation) {
		ChatGenerationMetadata metadata = generation.getMetadata();
		String reason = (metadata != null) ? metadata.getFinishReason() : null;
		if (StringUtils.hasText(reason) && !reason.startsWith("_")) {
			finishReasons.add(reason.toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * Token usage as the provider reported it, or {@code null} when it reported none. Spring AI
	 * stands in {@link EmptyUsage} or all-zero counts for a missing usage (a streamed chunk without
	 * usage, a provider that sent none); a real request always has input tokens.
	 * @param usage Spring AI's usage
	 * @param cacheIncludedInInput see {@link #cacheIncludedInInput(String)}
	 * @return the usage, or {@code null}
	 */
	static @Nullable TokenUsage usage(@Nullable Usage usage, boolean cacheIncludedInInput) {
		if (usage == null || usage instanceof EmptyUsage) {
			return null;
		}
		Long input = toLong(usage.getPromptTokens());
		Long output = toLong(usage.getCompletionTokens());
		Long cacheRead = SpringAiLine.cacheReadTokens(usage);
		Long cacheWrite = SpringAiLine.cacheWriteTokens(usage);
		if (isZero(input) && isZero(output) && isZero(cacheRead) && isZero(cacheWrite)) {
			return null;
		}
		return new TokenUsage(input, output, cacheRead, cacheWrite, cacheIncludedInInput,
				SpringAiLine.reasoningTokens(usage));
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	private static String text(@Nullable String text) {
		return (text != null) ? text : "";
	}

	private static @Nullable Long toLong(@Nullable Integer value) {
		return (value != null) ? value.longValue() : null;
	}

	private static boolean isZero(@Nullable Long value) {
		return value == null || value == 0;
	}

}
