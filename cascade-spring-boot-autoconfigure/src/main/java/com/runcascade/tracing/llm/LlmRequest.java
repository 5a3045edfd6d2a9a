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
public record LlmRequest(String provider, String model, List<LlmMessage> messages, @Nullable Long maxTokens,
		@Nullable Double temperature, @Nullable Double topP, boolean streaming, List<LlmTool> tools) {

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
	public LlmRequest(String provider, String model, List<LlmMessage> messages, @Nullable Long maxTokens,
			@Nullable Double temperature, @Nullable Double topP, boolean streaming) {
		this(provider, model, messages, maxTokens, temperature, topP, streaming, List.of());
	}

}
