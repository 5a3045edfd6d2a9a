package com.runcascade.tracing.llm;

/**
 * One message of a conversation sent to a model, in a provider-neutral form.
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the message text; tool calls and tool results in a readable text form
 */
public record LlmMessage(String role, String content) {

	public static final String SYSTEM = "system";

	public static final String USER = "user";

	public static final String ASSISTANT = "assistant";

	public static final String TOOL = "tool";

}
