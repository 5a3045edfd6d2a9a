package com.runcascade.tracing.sdk;

import org.springframework.beans.factory.ObjectProvider;

import com.runcascade.tracing.LlmClientWrapper;
import com.runcascade.tracing.llm.LlmTracing;

/** Lets {@code Cascade.wrapLlmClient(client)} trace Anthropic clients that are not beans. */
final class AnthropicLlmClientWrapper implements LlmClientWrapper {

	private final LazyLlmTracing tracing;

	AnthropicLlmClientWrapper(ObjectProvider<LlmTracing> tracing) {
		this.tracing = new LazyLlmTracing(tracing);
	}

	@Override
	public boolean supports(Object client) {
		return AnthropicClientTracing.supports(client);
	}

	@Override
	public Object wrap(Object client) {
		return AnthropicClientTracing.wrap(client, this.tracing);
	}

}
