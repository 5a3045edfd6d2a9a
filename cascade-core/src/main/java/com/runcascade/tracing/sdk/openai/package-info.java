/**
 * Tracing of the OpenAI Java SDK: the proxies on {@code OpenAIClient}, {@code OpenAIClientAsync}
 * and their chat completion and response services, the reading of Chat Completions and Responses
 * API requests, responses and stream events, the provider read from the base URL, and the SDK's
 * stream response types over the shared recording in the parent package. Internal: only
 * {@link com.runcascade.tracing.sdk.openai.OpenAiSdk} is public, for the auto-configuration.
 */
@NullMarked
package com.runcascade.tracing.sdk.openai;

import org.jspecify.annotations.NullMarked;
