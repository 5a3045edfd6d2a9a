package com.runcascade.tracing.llm;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an integration knows about a model request when it starts, in a provider-neutral form.
 * @param provider provider name, such as {@code anthropic}, {@code openai} or {@code openrouter}
 * @param model requested model
 * @param messages the whole conversation sent, system messages included (may be empty when content
 * capture is off)
 * @param maxTokens requested output limit, if set
 * @param temperature requested temperature, if set
 * @param topP requested nucleus sampling, if set
 * @param streaming whether the response is streamed
 * @param tools the tools offered to the model, in the order sent
 */
public record LlmRequest(String provider, String model, List<Message> messages, @Nullable Long maxTokens,
		@Nullable Double temperature, @Nullable Double topP, boolean streaming, List<Tool> tools) {

	/**
	 * A request that offers the model no tools (or whose tools are not known).
	 * @param provider the provider name
	 * @param model the requested model
	 * @param messages the messages as sent
	 * @param maxTokens the output token limit, if set
	 * @param temperature the temperature, if set
	 * @param topP the nucleus sampling limit, if set
	 * @param streaming whether the response is streamed
	 */
	public LlmRequest(String provider, String model, List<Message> messages, @Nullable Long maxTokens,
			@Nullable Double temperature, @Nullable Double topP, boolean streaming) {
		this(provider, model, messages, maxTokens, temperature, topP, streaming, List.of());
	}

	/**
	 * One message of a conversation sent to a model, in a provider-neutral form; {@code llm.messages}
	 * records them as {@code [{"role":...,"content":...}]}.
	 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
	 * @param content the message text; tool calls and tool results in a readable text form
	 */
	public record Message(String role, String content) {

		public static final String SYSTEM = "system";

		public static final String USER = "user";

		public static final String ASSISTANT = "assistant";

		public static final String TOOL = "tool";

	}

	/**
	 * A tool offered to the model with a request, recorded in {@code llm.tools}.
	 *
	 * @param name the tool's name as the model sees it
	 * @param description what the tool does, if known
	 */
	public record Tool(String name, @Nullable String description) {

	}

}
