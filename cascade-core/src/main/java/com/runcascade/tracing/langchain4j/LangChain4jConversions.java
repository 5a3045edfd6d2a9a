package com.runcascade.tracing.langchain4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;

/**
 * Turns LangChain4j chat requests and responses into Cascade's provider-neutral {@link LlmRequest}
 * and {@link LlmResponse}, in the text forms the SDK and Spring AI integrations write.
 */
final class LangChain4jConversions {

	static final String UNKNOWN = "unknown";

	static final String OPENAI_USAGE = "dev.langchain4j.model.openai.OpenAiTokenUsage";

	static final String ANTHROPIC_USAGE = "dev.langchain4j.model.anthropic.AnthropicTokenUsage";

	private LangChain4jConversions() {
	}

	/** Cascade's provider name, as the other integrations spell it. */
	static String provider(@Nullable ModelProvider provider) {
		if (provider == null) {
			return UNKNOWN;
		}
		return switch (provider) {
			case OPEN_AI -> "openai";
			case ANTHROPIC -> "anthropic";
			case AZURE_OPEN_AI -> "azure";
			case AMAZON_BEDROCK -> "bedrock";
			case GOOGLE_AI_GEMINI, GOOGLE_GENAI -> "gemini";
			case GOOGLE_VERTEX_AI_GEMINI, GOOGLE_VERTEX_AI_ANTHROPIC -> "vertex_ai";
			case MISTRAL_AI -> "mistral";
			case OTHER -> UNKNOWN;
			default -> provider.name().toLowerCase(Locale.ROOT);
		};
	}

	static LlmRequest request(ChatRequest request, @Nullable ModelProvider provider, boolean streaming,
			boolean captureContent) {
		ChatRequestParameters parameters = request.parameters();
		String model = (parameters != null && hasText(parameters.modelName())) ? parameters.modelName() : UNKNOWN;
		Integer maxTokens = (parameters != null) ? parameters.maxOutputTokens() : null;
		return new LlmRequest(provider(provider), model, captureContent ? messages(request.messages()) : List.of(),
				(maxTokens != null) ? maxTokens.longValue() : null, (parameters != null) ? parameters.temperature() : null,
				(parameters != null) ? parameters.topP() : null, streaming, tools(parameters));
	}

	private static List<LlmRequest.Tool> tools(@Nullable ChatRequestParameters parameters) {
		List<ToolSpecification> specifications = (parameters != null) ? parameters.toolSpecifications() : null;
		if (specifications == null || specifications.isEmpty()) {
			return List.of();
		}
		List<LlmRequest.Tool> tools = new ArrayList<>(specifications.size());
		for (ToolSpecification specification : specifications) {
			String description = specification.description();
			tools.add(new LlmRequest.Tool(specification.name(), hasText(description) ? description : null));
		}
		return tools;
	}

	static List<LlmRequest.Message> messages(List<ChatMessage> messages) {
		List<LlmRequest.Message> converted = new ArrayList<>(messages.size());
		for (ChatMessage message : messages) {
			if (message instanceof SystemMessage system) {
				converted.add(new LlmRequest.Message(LlmRequest.Message.SYSTEM, text(system.text())));
			}
			else if (message instanceof UserMessage user) {
				converted.add(new LlmRequest.Message(LlmRequest.Message.USER, userText(user)));
			}
			else if (message instanceof AiMessage ai) {
				converted.add(new LlmRequest.Message(LlmRequest.Message.ASSISTANT, completion(ai)));
			}
			else if (message instanceof ToolExecutionResultMessage result) {
				// The labels the SDK integrations write too: [tool_result <call id>] result
				converted.add(new LlmRequest.Message(LlmRequest.Message.TOOL,
						"[tool_result " + result.id() + "] " + text(result.text())));
			}
		}
		return converted;
	}

	/** The text parts of a user message; other parts (images, audio, files) by their type. */
	private static String userText(UserMessage user) {
		if (user.hasSingleText()) {
			return text(user.singleText());
		}
		StringBuilder text = new StringBuilder();
		for (Content content : user.contents()) {
			if (text.length() > 0) {
				text.append('\n');
			}
			if (content instanceof TextContent textContent) {
				text.append(text(textContent.text()));
			}
			else {
				text.append('[').append(content.type().name().toLowerCase(Locale.ROOT)).append(']');
			}
		}
		return text.toString();
	}

	/** The message's text, then each tool call as {@code [tool_use name {json}]}, as the SDK integrations write it. */
	static String completion(AiMessage message) {
		StringBuilder content = new StringBuilder(text(message.text()));
		if (message.hasToolExecutionRequests()) {
			for (ToolExecutionRequest call : message.toolExecutionRequests()) {
				if (content.length() > 0) {
					content.append('\n');
				}
				String arguments = text(call.arguments());
				content.append("[tool_use ").append(call.name()).append(' ')
					.append(arguments.isBlank() ? "{}" : arguments).append(']');
			}
		}
		return content.toString();
	}

	static LlmResponse response(@Nullable ChatResponse response, @Nullable ModelProvider provider,
			boolean captureContent) {
		if (response == null) {
			return new LlmResponse(null, null, List.of(), null, null);
		}
		ChatResponseMetadata metadata = response.metadata();
		AiMessage message = response.aiMessage();
		String completion = (captureContent && message != null) ? completion(message) : null;
		String reasoning = (captureContent && message != null) ? message.thinking() : null;
		FinishReason finishReason = (metadata != null) ? metadata.finishReason() : null;
		return new LlmResponse((metadata != null) ? metadata.modelName() : null, (metadata != null) ? metadata.id() : null,
				(finishReason != null) ? List.of(finishReason.name().toLowerCase(Locale.ROOT)) : List.of(), completion,
				usage((metadata != null) ? metadata.tokenUsage() : null, provider), reasoning);
	}

	/**
	 * The usage as the provider reported it. OpenAI counts cached tokens in the input, Anthropic apart;
	 * their details live in the provider modules' own usage types, read only when the usage is one.
	 */
	static @Nullable TokenUsage usage(dev.langchain4j.model.output.@Nullable TokenUsage usage,
			@Nullable ModelProvider provider) {
		if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
			return null;
		}
		Long input = toLong(usage.inputTokenCount());
		Long output = toLong(usage.outputTokenCount());
		String type = usage.getClass().getName();
		if (OPENAI_USAGE.equals(type)) {
			return OpenAiUsage.read(usage, input, output);
		}
		if (ANTHROPIC_USAGE.equals(type)) {
			return AnthropicUsage.read(usage, input, output);
		}
		boolean cacheIncluded = provider != ModelProvider.ANTHROPIC && provider != ModelProvider.AMAZON_BEDROCK
				&& provider != ModelProvider.GOOGLE_VERTEX_AI_ANTHROPIC;
		return new TokenUsage(input, output, null, null, cacheIncluded);
	}

	static @Nullable Long toLong(@Nullable Integer value) {
		return (value != null) ? value.longValue() : null;
	}

	private static String text(@Nullable String text) {
		return (text != null) ? text : "";
	}

	private static boolean hasText(@Nullable String text) {
		return text != null && !text.isBlank();
	}

}
