/**
 * What every LLM integration shares: the Cascade LLM span ({@link com.runcascade.tracing.llm.LlmTracing},
 * {@link com.runcascade.tracing.llm.LlmCall}) and its provider-neutral request and response, prices
 * and cost, and the GenAI client metrics. The extension points are
 * {@link com.runcascade.tracing.llm.ModelPricing} and {@link com.runcascade.tracing.llm.LlmMetrics},
 * with the value type they take, {@link com.runcascade.tracing.llm.TokenUsage}; the rest
 * ({@code LlmTracing}, {@code LlmCall}, {@code LlmRequest}, {@code LlmResponse} and the price
 * table) is internal to the SDK and Spring AI integrations.
 */
@NullMarked
package com.runcascade.tracing.llm;

import org.jspecify.annotations.NullMarked;
