package com.runcascade.tracing;

/**
 * Names of the span and resource attributes Cascade writes. These are the wire contract the Cascade
 * backend reads; the README lists each with its meaning.
 */
public final class CascadeAttributes {

	public static final String SPAN_TYPE = "cascade.span_type";

	public static final String AGENT_NAME = "cascade.agent_name";

	public static final String SESSION_ID = "cascade.session_id";

	/** Session id under the name Langfuse, Phoenix and other OpenTelemetry tools group by. */
	public static final String OTEL_SESSION_ID = "session.id";

	public static final String GEN_AI_CONVERSATION_ID = "gen_ai.conversation.id";

	public static final String PROJECT = "cascade.project";

	public static final String ENVIRONMENT = "cascade.environment";

	public static final String USER_ID = "cascade.user_id";

	public static final String TOOL_NAME = "tool.name";

	public static final String TOOL_DESCRIPTION = "tool.description";

	public static final String TOOL_INPUT = "tool.input";

	public static final String TOOL_OUTPUT = "tool.output";

	public static final String TOOL_DURATION_MS = "tool.duration_ms";

	public static final String TOOL_ERROR = "tool.error";

	public static final String FUNCTION_NAME = "function.name";

	public static final String FUNCTION_INPUT = "function.input";

	public static final String FUNCTION_OUTPUT = "function.output";

	public static final String FUNCTION_DURATION_MS = "function.duration_ms";

	public static final String FUNCTION_ERROR = "function.error";

	public static final String REASONING_NAME = "reasoning.name";

	public static final String REASONING_INPUT = "reasoning.input";

	public static final String REASONING_OUTPUT = "reasoning.output";

	public static final String REASONING_DURATION_MS = "reasoning.duration_ms";

	public static final String REASONING_ERROR = "reasoning.error";

	public static final String GEN_AI_OPERATION_NAME = "gen_ai.operation.name";

	/** The agent's name under the GenAI semantic conventions, next to {@link #AGENT_NAME}. */
	public static final String GEN_AI_AGENT_NAME = "gen_ai.agent.name";

	/** The {@link #GEN_AI_OPERATION_NAME} of an agent span. */
	public static final String GEN_AI_OPERATION_INVOKE_AGENT = "invoke_agent";

	public static final String GEN_AI_TOOL_NAME = "gen_ai.tool.name";

	public static final String GEN_AI_TOOL_CALL_ID = "gen_ai.tool.call.id";

	/** The tools offered to the model with an LLM request, as a JSON array. */
	public static final String LLM_TOOLS = "llm.tools";

	/** Sums of a run's or agent's subtree, written when it ends. */
	public static final String USAGE_INPUT_TOKENS = "cascade.usage.input_tokens";

	public static final String USAGE_OUTPUT_TOKENS = "cascade.usage.output_tokens";

	public static final String USAGE_TOTAL_TOKENS = "cascade.usage.total_tokens";

	public static final String USAGE_COST_USD = "cascade.usage.cost_usd";

	public static final String USAGE_LLM_CALLS = "cascade.usage.llm_calls";

	public static final String USAGE_TOOL_CALLS = "cascade.usage.tool_calls";

	/** Values of {@link #SPAN_TYPE}. */
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

}
