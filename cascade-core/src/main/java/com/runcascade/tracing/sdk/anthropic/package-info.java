/**
 * Tracing of the Anthropic Java SDK: the proxies on {@code AnthropicClient},
 * {@code AnthropicClientAsync} and their message services, the reading of Messages API requests,
 * responses and stream events, and the SDK's stream response types over the shared recording in
 * the parent package. Internal: only {@link com.runcascade.tracing.sdk.anthropic.AnthropicSdk} is
 * public, for the auto-configuration.
 */
@NullMarked
package com.runcascade.tracing.sdk.anthropic;

import org.jspecify.annotations.NullMarked;
