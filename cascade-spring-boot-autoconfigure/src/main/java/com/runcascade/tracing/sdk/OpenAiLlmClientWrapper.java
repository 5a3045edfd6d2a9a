package com.runcascade.tracing.sdk;

import org.springframework.beans.factory.ObjectProvider;

import com.runcascade.tracing.LlmClientWrapper;
import com.runcascade.tracing.llm.LlmTracing;

/** Lets {@code Cascade.wrapLlmClient(client)} trace OpenAI clients that are not beans. */
final class OpenAiLlmClientWrapper implements LlmClientWrapper {

	private final LazyLlmTracing tracing;

	OpenAiLlmClientWrapper(ObjectProvider<LlmTracing> tracing) {
		this.tracing = new LazyLlmTracing(tracing);
	}

	@Override
	public boolean supports(Object client) {
		return OpenAiClientTracing.supports(client);
	}

	@Override
	public Object wrap(Object client) {
		return OpenAiClientTracing.wrap(client, this.tracing);
	}

}
