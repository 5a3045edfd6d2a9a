package com.runcascade.tracing.sdk.anthropic;

import java.util.function.Supplier;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;
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
	public static final SdkClients CLIENTS = new SdkClients(AnthropicSdk::supports, AnthropicSdk::traced,
			AnthropicSdk::isTraced);

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

	/**
	 * Whether a client is already traced by Cascade.
	 * @param client a client
	 * @return whether it is a Cascade-traced client
	 */
	static boolean isTraced(Object client) {
		return TracedAnthropicClient.isTraced(client);
	}

	private static Object traced(Object client, Supplier<@Nullable LlmTracing> tracing) {
		if (client instanceof AnthropicClient sync) {
			return TracedAnthropicClient.wrap(sync, tracing);
		}
		if (client instanceof AnthropicClientAsync async) {
			return TracedAnthropicClient.wrap(async, tracing);
		}
		return client;
	}

	private static boolean supports(Object client) {
		return client instanceof AnthropicClient || client instanceof AnthropicClientAsync;
	}

}
