/**
 * What the Anthropic and OpenAI SDK client integrations share: invocation plumbing, lazy lookup
 * of {@link com.runcascade.tracing.llm.LlmTracing}, and recording of streams and async results.
 * Not a public API.
 */
@NullMarked
package com.runcascade.tracing.llm.client;

import org.jspecify.annotations.NullMarked;
