/**
 * Tracing of the OpenAI Java SDK: every {@code OpenAIClient} and {@code OpenAIClientAsync} bean
 * (and any client passed to {@code Cascade.wrapLlmClient}) is wrapped so that its chat completion
 * and response calls, plain and streamed, record a Cascade LLM span. Works for every
 * OpenAI-compatible endpoint the SDK is pointed at (OpenRouter, Azure OpenAI, local servers).
 */
@NullMarked
package com.runcascade.tracing.openai;

import org.jspecify.annotations.NullMarked;
