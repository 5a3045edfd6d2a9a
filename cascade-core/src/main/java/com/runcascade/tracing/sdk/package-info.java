/**
 * Tracing of the official Anthropic and OpenAI Java SDK clients. Every {@code AnthropicClient},
 * {@code OpenAIClient} and their async forms (beans, or clients passed to
 * {@code Cascade.wrapLlmClient}) is put behind a JDK proxy on the SDK's own interface, so that
 * message, chat completion and response calls, plain, async and streamed, record a Cascade LLM
 * span; every other call is delegated untouched.
 *
 * <p>
 * This package holds what both SDKs share: routing proxied calls, recording a call and its
 * stream, and the one proxy behind each SDK's stream response types; each SDK's own code lives in
 * {@code sdk.anthropic} and {@code sdk.openai}. Only the auto-configuration is part of the API;
 * the other public types are public because the vendor sub-packages use them, and are internal.
 * Users wrap a client that is not a bean with {@code Cascade.wrapLlmClient(client)}.
 */
@NullMarked
package com.runcascade.tracing.sdk;

import org.jspecify.annotations.NullMarked;
