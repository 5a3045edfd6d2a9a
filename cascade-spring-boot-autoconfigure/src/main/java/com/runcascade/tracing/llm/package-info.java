/**
 * What every LLM integration shares: the Cascade LLM span ({@link com.runcascade.tracing.llm.LlmTracing}),
 * prices and cost, and the GenAI client metrics.
 */
@NullMarked
package com.runcascade.tracing.llm;

import org.jspecify.annotations.NullMarked;
