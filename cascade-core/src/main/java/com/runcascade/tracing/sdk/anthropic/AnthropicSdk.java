package com.runcascade.tracing.sdk.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.LlmSdk;
import com.runcascade.tracing.sdk.SdkClients;

/**
 * Traces the message calls of Anthropic Java SDK clients. Spring beans are wrapped automatically,
 * other clients through {@code Cascade.wrapLlmClient(client)} (or {@code CascadeTracer.wrapLlmClient}),
 * the one public entry point.
 *
 * <p>
 * Traced: {@code messages().create(...)} and {@code messages().createStreaming(...)}, blocking and
 * asynchronous, with or without {@code RequestOptions}, also on clients derived through
 * {@code withOptions(...)}, {@code async()} and {@code sync()}. Everything else is passed to the
 * SDK's client untouched, including {@code withRawResponse()} (not traced) and the beta services.
 * A streamed response is traced until it is fully read, fails, or is closed, so close it
 * (try-with-resources) when you stop reading early.
 *
 * <p>
 * Internal: public only for {@code CascadeLlmClientAutoConfiguration} in the parent package.
 */
public final class AnthropicSdk {

	/** This SDK's clients, for the post-processor and {@code Cascade.wrapLlmClient}. */
	public static final SdkClients CLIENTS = SdkClients.of(AnthropicClient.class, TracedAnthropicClient::wrap, AnthropicClientAsync.class,
			TracedAnthropicClient::wrap, TracedAnthropicClient::isTraced);

	/** This SDK's stream response types, which the shared stream tracing implements. */
	static final LlmSdk STREAMS = new LlmSdk("Anthropic", StreamResponse.class, AsyncStreamResponse.class,
			AsyncStreamResponse.Handler.class);

	private AnthropicSdk() {
	}

	/** The traced form of a client, recording on the given LLM tracing (tests). */
	static AnthropicClient wrap(AnthropicClient client, LlmTracing tracing) {
		return TracedAnthropicClient.wrap(client, () -> tracing);
	}

	/** The traced form of an asynchronous client, recording on the given LLM tracing (tests). */
	static AnthropicClientAsync wrap(AnthropicClientAsync client, LlmTracing tracing) {
		return TracedAnthropicClient.wrap(client, () -> tracing);
	}

}
