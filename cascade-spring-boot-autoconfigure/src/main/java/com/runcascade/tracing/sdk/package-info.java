/**
 * Tracing of the official Anthropic and OpenAI Java SDK clients. Every {@code AnthropicClient},
 * {@code OpenAIClient} and their async forms (beans, or clients passed to {@code Cascade.wrapLlmClient}) is put
 * behind a JDK proxy on the SDK's own interface, so that message, chat completion and response
 * calls, plain, async and streamed, record a Cascade LLM span; every other call is delegated
 * untouched. The provider is read from the base URL (OpenRouter, Azure OpenAI, local servers).
 * Only the auto-configuration is public; users wrap a client that is not a bean with
 * {@code Cascade.wrapLlmClient(client)}.
 */
@NullMarked
package com.runcascade.tracing.sdk;

import org.jspecify.annotations.NullMarked;
