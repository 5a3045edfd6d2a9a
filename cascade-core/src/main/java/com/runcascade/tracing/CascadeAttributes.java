package com.runcascade.tracing;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Every span and resource attribute Cascade writes, as typed OpenTelemetry keys: the wire
 * contract the Cascade backend reads. docs/span-attributes.md lists each with its meaning. Integrations, the
 * console tree, the viewer and the span processors all use these keys, so a name is spelled once.
 */
public final class CascadeAttributes {

	// Every span in a run, agent or session

	public static final AttributeKey<String> SPAN_TYPE = AttributeKey.stringKey("cascade.span_type");

	public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("cascade.agent_name");

	public static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("cascade.session_id");

	/** The session under the name Langfuse, Phoenix and other OpenTelemetry tools group by. */
	public static final AttributeKey<String> OTEL_SESSION_ID = AttributeKey.stringKey("session.id");

	/** The session under the OpenTelemetry GenAI conventions' name. */
	public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");

	/** The exception class of a failed span (OpenTelemetry's {@code error.type}). */
	public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	// Resource

	public static final AttributeKey<String> PROJECT = AttributeKey.stringKey("cascade.project");

	public static final AttributeKey<String> ENVIRONMENT = AttributeKey.stringKey("cascade.environment");

	public static final AttributeKey<String> USER_ID = AttributeKey.stringKey("cascade.user_id");

	// Runs and agents: the sums of their subtree, written when they end

	public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("cascade.usage.input_tokens");

	public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("cascade.usage.output_tokens");

	public static final AttributeKey<Long> USAGE_TOTAL_TOKENS = AttributeKey.longKey("cascade.usage.total_tokens");

	public static final AttributeKey<Double> USAGE_COST_USD = AttributeKey.doubleKey("cascade.usage.cost_usd");

	public static final AttributeKey<Long> USAGE_LLM_CALLS = AttributeKey.longKey("cascade.usage.llm_calls");

	public static final AttributeKey<Long> USAGE_TOOL_CALLS = AttributeKey.longKey("cascade.usage.tool_calls");

	// Tools and functions

	public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("tool.name");

	public static final AttributeKey<String> TOOL_DESCRIPTION = AttributeKey.stringKey("tool.description");

	public static final AttributeKey<String> TOOL_INPUT = AttributeKey.stringKey("tool.input");

	public static final AttributeKey<String> TOOL_OUTPUT = AttributeKey.stringKey("tool.output");

	public static final AttributeKey<Double> TOOL_DURATION_MS = AttributeKey.doubleKey("tool.duration_ms");

	public static final AttributeKey<String> TOOL_ERROR = AttributeKey.stringKey("tool.error");

	public static final AttributeKey<String> FUNCTION_NAME = AttributeKey.stringKey("function.name");

	public static final AttributeKey<String> FUNCTION_INPUT = AttributeKey.stringKey("function.input");

	public static final AttributeKey<String> FUNCTION_OUTPUT = AttributeKey.stringKey("function.output");

	public static final AttributeKey<Double> FUNCTION_DURATION_MS = AttributeKey.doubleKey("function.duration_ms");

	public static final AttributeKey<String> FUNCTION_ERROR = AttributeKey.stringKey("function.error");

	public static final AttributeKey<String> GEN_AI_TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");

	public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");

	// Reasoning spans (@CaptureReasoning)

	public static final AttributeKey<String> REASONING_NAME = AttributeKey.stringKey("reasoning.name");

	public static final AttributeKey<String> REASONING_INPUT = AttributeKey.stringKey("reasoning.input");

	public static final AttributeKey<String> REASONING_OUTPUT = AttributeKey.stringKey("reasoning.output");

	public static final AttributeKey<Double> REASONING_DURATION_MS = AttributeKey.doubleKey("reasoning.duration_ms");

	public static final AttributeKey<String> REASONING_ERROR = AttributeKey.stringKey("reasoning.error");

	// Agents under the GenAI conventions

	/** The agent's name under the GenAI semantic conventions, next to {@link #AGENT_NAME}. */
	public static final AttributeKey<String> GEN_AI_AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");

	/** The {@link #GEN_AI_OPERATION_NAME} of an agent span. */
	public static final String GEN_AI_OPERATION_INVOKE_AGENT = "invoke_agent";

	// LLM calls

	public static final AttributeKey<String> LLM_MODEL = AttributeKey.stringKey("llm.model");

	public static final AttributeKey<String> LLM_PROVIDER = AttributeKey.stringKey("llm.provider");

	public static final AttributeKey<String> LLM_PROMPT = AttributeKey.stringKey("llm.prompt");

	public static final AttributeKey<String> LLM_SYSTEM_MESSAGE = AttributeKey.stringKey("llm.system_message");

	public static final AttributeKey<String> LLM_MESSAGES = AttributeKey.stringKey("llm.messages");

	/** The tools offered to the model with the request, as a JSON array. */
	public static final AttributeKey<String> LLM_TOOLS = AttributeKey.stringKey("llm.tools");

	public static final AttributeKey<String> LLM_COMPLETION = AttributeKey.stringKey("llm.completion");

	/** The model's reasoning (thinking), never part of the completion. */
	public static final AttributeKey<String> LLM_REASONING = AttributeKey.stringKey("llm.reasoning");

	/** Reasoning tokens, as the provider reported them; already part of the output tokens. */
	public static final AttributeKey<Long> LLM_REASONING_TOKENS = AttributeKey.longKey("llm.reasoning_tokens");

	public static final AttributeKey<Long> LLM_INPUT_TOKENS = AttributeKey.longKey("llm.input_tokens");

	public static final AttributeKey<Long> LLM_OUTPUT_TOKENS = AttributeKey.longKey("llm.output_tokens");

	public static final AttributeKey<Long> LLM_TOTAL_TOKENS = AttributeKey.longKey("llm.total_tokens");

	public static final AttributeKey<Boolean> LLM_USAGE_REPORTED = AttributeKey.booleanKey("llm.usage_reported");

	public static final AttributeKey<String> LLM_USAGE_REPORTED_BY = AttributeKey.stringKey("llm.usage_reported_by");

	public static final AttributeKey<Boolean> LLM_STREAM_CLOSED_EARLY = AttributeKey
		.booleanKey("llm.stream_closed_early");

	public static final AttributeKey<Double> LLM_LATENCY_MS = AttributeKey.doubleKey("llm.latency_ms");

	public static final AttributeKey<Double> LLM_TIME_TO_FIRST_TOKEN_MS = AttributeKey
		.doubleKey("llm.time_to_first_token_ms");

	public static final AttributeKey<Double> LLM_COST_USD = AttributeKey.doubleKey("llm.cost_usd");

	public static final AttributeKey<Boolean> LLM_STREAMING = AttributeKey.booleanKey("llm.streaming");

	public static final AttributeKey<Long> LLM_MAX_TOKENS = AttributeKey.longKey("llm.max_tokens");

	public static final AttributeKey<Double> LLM_TEMPERATURE = AttributeKey.doubleKey("llm.temperature");

	public static final AttributeKey<Double> LLM_TOP_P = AttributeKey.doubleKey("llm.top_p");

	// OpenTelemetry GenAI conventions

	public static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

	public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");

	public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	public static final AttributeKey<String> GEN_AI_RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

	public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");

	public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = AttributeKey
		.doubleKey("gen_ai.request.temperature");

	public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");

	public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.output_tokens");

	public static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = AttributeKey
		.longKey("gen_ai.usage.reasoning.output_tokens");

	public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ = AttributeKey
		.longKey("gen_ai.usage.cache_read.input_tokens");

	public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION = AttributeKey
		.longKey("gen_ai.usage.cache_creation.input_tokens");

	// Values of SPAN_TYPE

	public static final String TYPE_FUNCTION = "function";

	public static final String TYPE_AGENT = "agent";

	public static final String TYPE_TOOL = "tool";

	public static final String TYPE_LLM = "llm";

	public static final String TYPE_REASONING = "reasoning";

	public static final String TYPE_SESSION_END = "session_end";

	/** Name of the span {@code endSession} records. */
	public static final String SESSION_END_SPAN_NAME = "cascade.session.end";

	/** Instrumentation scope of every span Cascade starts itself. */
	public static final String INSTRUMENTATION_SCOPE = "com.runcascade.tracing";

	private CascadeAttributes() {
	}

	/**
	 * Record a session under the three names trace tools group by.
	 * @param span the span
	 * @param sessionId the session id
	 */
	public static void setSession(Span span, String sessionId) {
		span.setAttribute(SESSION_ID, sessionId);
		span.setAttribute(OTEL_SESSION_ID, sessionId);
		span.setAttribute(GEN_AI_CONVERSATION_ID, sessionId);
	}

}
