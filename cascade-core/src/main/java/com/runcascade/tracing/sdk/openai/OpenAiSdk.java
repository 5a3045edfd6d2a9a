package com.runcascade.tracing.sdk.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.LlmSdk;
import com.runcascade.tracing.sdk.SdkClients;

/**
 * Traces the chat completion and response calls of OpenAI Java SDK clients. Spring beans are
 * wrapped automatically, other clients through {@code Cascade.wrapLlmClient(client)} (or
 * {@code CascadeTracer.wrapLlmClient}), the one public entry point.
 *
 * <p>
 * Traced: {@code chat().completions().create(...)}, {@code chat().completions().createStreaming(...)},
 * {@code responses().create(...)} and {@code responses().createStreaming(...)}, blocking and
 * asynchronous, with or without {@code RequestOptions} (structured-output overloads included), also
 * on clients and services derived through {@code withOptions(...)}, {@code async()} and
 * {@code sync()}. Everything else is passed to the SDK's client untouched, including
 * {@code withRawResponse()} (not traced). The provider recorded is derived from the client's base
 * URL ({@code openai}, {@code openrouter}, {@code azure}, or the host name). A streamed response
 * is traced until it is fully read, fails, or is closed, so close it (try-with-resources) when you
 * stop reading early. Chat Completions streams report usage only when the request sets
 * {@code stream_options.include_usage}.
 *
 * <p>
 * Internal: public only for {@code CascadeLlmClientAutoConfiguration} in the parent package.
 */
public final class OpenAiSdk {

	/** This SDK's clients, for the post-processor and {@code Cascade.wrapLlmClient}. */
	public static final SdkClients CLIENTS = SdkClients.of(OpenAIClient.class, TracedOpenAiClient::wrap, OpenAIClientAsync.class,
			TracedOpenAiClient::wrap, TracedOpenAiClient::isTraced);

	/** This SDK's stream response types, which the shared stream tracing implements. */
	static final LlmSdk STREAMS = new LlmSdk("OpenAI", StreamResponse.class, AsyncStreamResponse.class,
			AsyncStreamResponse.Handler.class);

	private OpenAiSdk() {
	}

	/** The traced form of a client, recording on the given LLM tracing (tests). */
	static OpenAIClient wrap(OpenAIClient client, LlmTracing tracing) {
		return TracedOpenAiClient.wrap(client, () -> tracing);
	}

	/** The traced form of an asynchronous client, recording on the given LLM tracing (tests). */
	static OpenAIClientAsync wrap(OpenAIClientAsync client, LlmTracing tracing) {
		return TracedOpenAiClient.wrap(client, () -> tracing);
	}

}
