package com.runcascade.tracing.springai;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * What the shared Spring AI tests need that Spring AI 2.0 and 1.1 spell differently (property
 * names, the auto-configurations a provider's model needs, usage types). This class exists once per
 * Spring AI line, with the same name; the tests use only it. This is Spring AI 2.0's.
 */
public final class SpringAiTestLine {

	/** Auto-configurations the provider models need besides their own: none on 2.0. */
	public static final Class<?>[] MODEL_SUPPORT = {};

	/** Whether a chat model given tools runs the tool loop itself (2.0: no, it returns the calls). */
	public static final boolean MODEL_RUNS_TOOL_LOOP = false;

	/** Whether every round trip of a tool loop reports its cache tokens (2.0: yes). */
	public static final boolean CACHE_TOKENS_AFTER_FIRST_ROUND = true;

	/** Whether the OpenAI model's {@code call()} keeps {@code reasoning_content} (2.0: yes). */
	public static final boolean OPENAI_CALL_KEEPS_REASONING = true;

	private SpringAiTestLine() {
	}

	/**
	 * The property that picks a provider's chat model.
	 * @param provider {@code anthropic} or {@code openai}
	 * @param model the model's name
	 * @return the property as {@code name=value}
	 */
	public static String model(String provider, String model) {
		return "spring.ai." + provider + ".chat.model=" + model;
	}

	/**
	 * Spring AI's OpenAI base URL for an OpenAI-compatible server (2.0: with its {@code /v1}).
	 * @param v1Url the server's URL ending in {@code /v1}
	 * @return the base URL
	 */
	public static String openAiBaseUrl(String v1Url) {
		return v1Url;
	}

	/**
	 * The property that turns a provider's retries off, so an error reply fails at once.
	 * @param provider {@code anthropic} or {@code openai}
	 * @return the property as {@code name=value}
	 */
	public static String noRetries(String provider) {
		return "spring.ai." + provider + ".max-retries=0";
	}

	/**
	 * Advisors that run the tool loop without an observation registry, as Spring AI's examples
	 * build Spring AI 2.0's {@code ToolCallingAdvisor}: its tool calls are observed by nobody.
	 * @return the advisors
	 */
	static Advisor[] unobservedToolLoop() {
		return new Advisor[] { ToolCallingAdvisor.builder().build() };
	}

	/** The order of Spring AI 2.0's {@code ToolCallingAdvisor}. */
	static int toolCallingAdvisorOrder() {
		return ToolCallingAdvisor.DEFAULT_ORDER;
	}

	/** A usage as a model reports it with prompt cache counts (2.0: on Spring AI's usage itself). */
	static Usage usageWithCache(int prompt, int completion, long cacheRead, long cacheWrite) {
		return new DefaultUsage(prompt, completion, prompt + completion, null, cacheRead, cacheWrite);
	}

	/** Properties an OpenAI application sets to get token usage on streamed replies: none on 2.0. */
	public static final String[] OPENAI_STREAM_USAGE = {};

	/**
	 * Auto-configurations that observe the model's own HTTP calls: none on 2.0, whose models'
	 * SDK clients Cascade instruments.
	 */
	static final Class<?>[] HTTP_CLIENT_OBSERVATIONS = {};

	/** The name of the span of one of the model's HTTP calls (2.0: the SDK client's). */
	static final String HTTP_CLIENT_SPAN = "POST";

	/**
	 * A property of a provider's default chat options.
	 * @param provider {@code anthropic} or {@code openai}
	 * @param option the option as {@code name=value}, such as {@code max-tokens=256}
	 * @return the property as {@code name=value}
	 */
	static String chatOption(String provider, String option) {
		return "spring.ai." + provider + ".chat." + option;
	}

	/** What a provider error tells the caller (2.0: the SDK exception's message has the provider's text). */
	static String errorText(Throwable error) {
		return String.valueOf(error.getMessage());
	}

	/** Options that offer tools and leave running them to the caller (2.0: models never run them). */
	static ToolCallingChatOptions callerRunsTools(ToolCallback... tools) {
		return ToolCallingChatOptions.builder().toolCallbacks(tools).build();
	}

	/** The MCP SDK's JSON mapper (2.0: MCP SDK 2 on Jackson 3). */
	static McpJsonMapper mcpJsonMapper() {
		return new JacksonMcpJsonMapper(JsonMapper.builder().build());
	}

}
