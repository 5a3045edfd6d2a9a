package com.runcascade.tracing.springai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson.JacksonMcpJsonMapper;

import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * What the shared Spring AI tests need that Spring AI 2.0 and 1.1 spell differently (property
 * names, the auto-configurations a provider's model needs, usage types). This class exists once per
 * Spring AI line, with the same name; the tests use only it. This is Spring AI 1.1's.
 */
public final class SpringAiTestLine {

	/**
	 * Auto-configurations the provider models need besides their own: 1.1's retry template and
	 * error handler. Boot's RestClient and WebClient builders stay out, as their HTTP client
	 * observations would add spans the 2.0 line (on the vendor SDKs) does not have.
	 */
	public static final Class<?>[] MODEL_SUPPORT = { SpringAiRetryAutoConfiguration.class };

	/** Whether a chat model given tools runs the tool loop itself (1.1: yes, unless told not to). */
	public static final boolean MODEL_RUNS_TOOL_LOOP = true;

	/**
	 * Whether every round trip of a tool loop reports its cache tokens (1.1: only the first; later
	 * ones report a running sum without the provider's native usage).
	 */
	public static final boolean CACHE_TOKENS_AFTER_FIRST_ROUND = false;

	/** Whether the OpenAI model's {@code call()} keeps {@code reasoning_content} (1.1.2: no, only stream()). */
	public static final boolean OPENAI_CALL_KEEPS_REASONING = false;

	private SpringAiTestLine() {
	}

	/**
	 * The property that picks a provider's chat model.
	 * @param provider {@code anthropic} or {@code openai}
	 * @param model the model's name
	 * @return the property as {@code name=value}
	 */
	public static String model(String provider, String model) {
		return "spring.ai." + provider + ".chat.options.model=" + model;
	}

	/**
	 * Spring AI's OpenAI base URL for an OpenAI-compatible server (1.1: without {@code /v1}, which
	 * its completions path has).
	 * @param v1Url the server's URL ending in {@code /v1}
	 * @return the base URL
	 */
	public static String openAiBaseUrl(String v1Url) {
		return v1Url.endsWith("/v1") ? v1Url.substring(0, v1Url.length() - 3) : v1Url;
	}

	/**
	 * The property that turns retries off, so an error reply fails at once (1.1: one retry template
	 * for every provider).
	 * @param provider {@code anthropic} or {@code openai}
	 * @return the property as {@code name=value}
	 */
	public static String noRetries(String provider) {
		return "spring.ai.retry.max-attempts=1";
	}

	/**
	 * Advisors that run the tool loop without an observation registry: none on 1.1, whose models run
	 * the loop (observed), so the ChatClient is an ordinary one.
	 * @return no advisors
	 */
	static Advisor[] unobservedToolLoop() {
		return new Advisor[0];
	}

	/** The order of Spring AI 2.0's {@code ToolCallingAdvisor}: 1.1 has none. */
	static int toolCallingAdvisorOrder() {
		throw new UnsupportedOperationException("Spring AI 1.1 has no ToolCallingAdvisor");
	}

	/**
	 * A usage as a model reports it with prompt cache counts (1.1: only in the provider's native
	 * usage, here Anthropic's).
	 */
	static Usage usageWithCache(int prompt, int completion, long cacheRead, long cacheWrite) {
		AnthropicApi.Usage nativeUsage = new AnthropicApi.Usage(prompt, completion, (int) cacheWrite, (int) cacheRead);
		return new DefaultUsage(prompt, completion, prompt + completion, nativeUsage);
	}

	/**
	 * Properties an OpenAI application sets to get token usage on streamed replies (1.1: the model
	 * asks for it only with {@code stream-usage}).
	 */
	public static final String[] OPENAI_STREAM_USAGE = { "spring.ai.openai.chat.options.stream-usage=true" };

	/**
	 * Auto-configurations that observe the model's own HTTP calls (1.1: Boot's {@code RestClient}
	 * builder and its client observations, which 1.1's models call the provider through).
	 */
	static final Class<?>[] HTTP_CLIENT_OBSERVATIONS = { RestClientAutoConfiguration.class,
			HttpClientObservationsAutoConfiguration.class };

	/** The name of the span of one of the model's HTTP calls (1.1: Boot's RestClient observation). */
	static final String HTTP_CLIENT_SPAN = "http post";

	/**
	 * A property of a provider's default chat options.
	 * @param provider {@code anthropic} or {@code openai}
	 * @param option the option as {@code name=value}, such as {@code max-tokens=256}
	 * @return the property as {@code name=value}
	 */
	static String chatOption(String provider, String option) {
		return "spring.ai." + provider + ".chat.options." + option;
	}

	/**
	 * What a provider error tells the caller (1.1: Spring's WebClient exception, whose message is
	 * the status line; the provider's text is its response body).
	 */
	static String errorText(Throwable error) {
		return (error instanceof WebClientResponseException response)
				? response.getMessage() + " " + response.getResponseBodyAsString() : String.valueOf(error.getMessage());
	}

	/**
	 * Options that offer tools and leave running them to the caller (1.1: the model runs them itself
	 * unless told not to).
	 */
	static ToolCallingChatOptions callerRunsTools(ToolCallback... tools) {
		return ToolCallingChatOptions.builder().toolCallbacks(tools).internalToolExecutionEnabled(false).build();
	}

	/** The MCP SDK's JSON mapper (1.1: MCP SDK 0.17 on Jackson 2). */
	static McpJsonMapper mcpJsonMapper() {
		return new JacksonMcpJsonMapper(new ObjectMapper());
	}

}
