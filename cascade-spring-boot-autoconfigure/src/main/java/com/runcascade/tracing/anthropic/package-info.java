/**
 * Tracing of the Anthropic Java SDK: every {@code AnthropicClient} and
 * {@code AnthropicClientAsync} bean (and any client passed to {@code Cascade.wrapLlmClient}) is
 * wrapped so that its message calls, plain and streamed, record a Cascade LLM span.
 */
@NullMarked
package com.runcascade.tracing.anthropic;

import org.jspecify.annotations.NullMarked;
