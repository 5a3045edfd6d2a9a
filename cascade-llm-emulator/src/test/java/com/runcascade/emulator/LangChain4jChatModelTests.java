package com.runcascade.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that LangChain4j's OpenAI and Anthropic chat models, and AI services built on them,
 * work against the emulator with only its base URL: calls, streams with usage, system
 * messages, tool rounds and errors.
 *
 * @author Cascade
 */
class LangChain4jChatModelTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private LlmEmulator emulator;

	@BeforeEach
	void start() {
		this.emulator = LlmEmulator.start();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void openAiChatModelAnswersWithUsage() {
		this.emulator.enqueue(ScriptedReply.text("Bonjour from the emulator").withUsage(12, 5));
		ChatResponse response = openAi().chat(withSystemMessage("Say hello"));
		assertAnswer(response, "Bonjour from the emulator", 12, 5);
		JsonNode request = this.emulator.lastRequest().json();
		assertThat(this.emulator.lastRequest().path()).isEqualTo("/v1/chat/completions");
		assertThat(this.emulator.lastRequest().header("authorization")).isEqualTo("Bearer sk-test");
		assertThat(request.path("messages").get(0).path("role").asText()).isEqualTo("system");
		assertThat(request.path("messages").get(0).path("content").asText()).isEqualTo("You are terse.");
	}

	@Test
	void openAiStreamingChatModelStreamsWordsThenUsage() {
		this.emulator.enqueue(ScriptedReply.text("Streaming from the emulator").withUsage(10, 4));
		Streamed streamed = stream(openAiStreaming(), withSystemMessage("Hi"));
		assertThat(streamed.partials()).hasSizeGreaterThan(1);
		assertThat(String.join("", streamed.partials())).isEqualTo("Streaming from the emulator");
		assertAnswer(streamed.response(), "Streaming from the emulator", 10, 4);
		JsonNode request = this.emulator.lastRequest().json();
		assertThat(request.path("stream").asBoolean()).isTrue();
		assertThat(request.path("stream_options").path("include_usage").asBoolean()).isTrue();
	}

	@Test
	void openAiAiServiceCallsToolThenAnswersWithItsResult() {
		WeatherTools tools = new WeatherTools();
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(openAi()).tools(tools).build();
		assertToolRound(assistant.chat("What's the weather in Paris?"), tools);
		JsonNode offered = this.emulator.requests().get(0).json().path("tools").get(0);
		assertThat(offered.path("type").asText()).isEqualTo("function");
		assertThat(offered.path("function").path("name").asText()).isEqualTo("getWeather");
		assertThat(this.emulator.requests().get(1).json().path("messages")).last()
			.satisfies((message) -> assertThat(message.path("role").asText()).isEqualTo("tool"));
	}

	@Test
	void openAiStreamingAiServiceCallsToolThenStreamsTheAnswer() {
		WeatherTools tools = new WeatherTools();
		StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
			.streamingChatModel(openAiStreaming())
			.tools(tools)
			.build();
		Streamed streamed = stream(assistant.chat("What's the weather in Paris?"));
		assertToolRound(String.join("", streamed.partials()), tools);
		assertThat(streamed.response().tokenUsage().inputTokenCount()).isPositive();
	}

	@Test
	void openAiErrorReachesTheCallerWithItsStatus() {
		this.emulator.enqueue(ScriptedReply.error(429, "Rate limit reached for gpt-4o-mini"));
		assertThatExceptionOfType(RateLimitException.class).isThrownBy(() -> openAi().chat("Hi"))
			.withMessageContaining("Rate limit reached for gpt-4o-mini");
		assertThat(this.emulator.requests()).hasSize(1);
	}

	@Test
	void openAiStreamingErrorReachesTheHandler() {
		this.emulator.enqueue(ScriptedReply.error(401, "Incorrect API key provided"));
		CompletableFuture<ChatResponse> response = new CompletableFuture<>();
		openAiStreaming().chat("Hi", handler(new CopyOnWriteArrayList<>(), response));
		assertThat(response).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(AuthenticationException.class)
			.withMessageContaining("Incorrect API key provided");
	}

	@Test
	void anthropicChatModelAnswersWithUsage() {
		this.emulator.enqueue(ScriptedReply.text("Bonjour from the emulator").withUsage(12, 5));
		ChatResponse response = anthropic().chat(withSystemMessage("Say hello"));
		assertAnswer(response, "Bonjour from the emulator", 12, 5);
		JsonNode request = this.emulator.lastRequest().json();
		assertThat(this.emulator.lastRequest().path()).isEqualTo("/v1/messages");
		assertThat(this.emulator.lastRequest().header("x-api-key")).isEqualTo("sk-ant-test");
		assertThat(Conversation.text(request.path("system"))).isEqualTo("You are terse.");
		assertThat(request.path("messages")).singleElement()
			.satisfies((message) -> assertThat(message.path("role").asText()).isEqualTo("user"));
	}

	@Test
	void anthropicStreamingChatModelStreamsWordsThenUsage() {
		this.emulator.enqueue(ScriptedReply.text("Streaming from the emulator").withUsage(10, 4));
		Streamed streamed = stream(anthropicStreaming(), withSystemMessage("Hi"));
		assertThat(streamed.partials()).hasSizeGreaterThan(1);
		assertThat(String.join("", streamed.partials())).isEqualTo("Streaming from the emulator");
		assertAnswer(streamed.response(), "Streaming from the emulator", 10, 4);
		assertThat(this.emulator.lastRequest().json().path("stream").asBoolean()).isTrue();
	}

	@Test
	void anthropicAiServiceCallsToolThenAnswersWithItsResult() {
		WeatherTools tools = new WeatherTools();
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(anthropic()).tools(tools).build();
		assertToolRound(assistant.chat("What's the weather in Paris?"), tools);
		JsonNode offered = this.emulator.requests().get(0).json().path("tools").get(0);
		assertThat(offered.path("name").asText()).isEqualTo("getWeather");
		assertThat(offered.path("input_schema").path("required")).extracting(JsonNode::asText).containsExactly("city");
	}

	@Test
	void anthropicStreamingAiServiceCallsToolThenStreamsTheAnswer() {
		WeatherTools tools = new WeatherTools();
		StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
			.streamingChatModel(anthropicStreaming())
			.tools(tools)
			.build();
		Streamed streamed = stream(assistant.chat("What's the weather in Paris?"));
		assertToolRound(String.join("", streamed.partials()), tools);
		assertThat(streamed.response().tokenUsage().outputTokenCount()).isPositive();
	}

	@Test
	void anthropicErrorReachesTheCallerWithItsStatus() {
		this.emulator.enqueue(ScriptedReply.error(429, "Number of request tokens has exceeded your rate limit"));
		assertThatExceptionOfType(RateLimitException.class).isThrownBy(() -> anthropic().chat("Hi"))
			.withMessageContaining("rate limit");
		assertThat(this.emulator.requests()).hasSize(1);
	}

	@Test
	void anthropicStreamingErrorReachesTheHandler() {
		this.emulator.enqueue(ScriptedReply.error(401, "invalid x-api-key"));
		CompletableFuture<ChatResponse> response = new CompletableFuture<>();
		anthropicStreaming().chat("Hi", handler(new CopyOnWriteArrayList<>(), response));
		assertThat(response).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(AuthenticationException.class)
			.withMessageContaining("invalid x-api-key");
	}

	@Test
	void openAiReasonerThinksAndReportsCachedAndReasoningTokens() {
		this.emulator.enqueue(ScriptedReply.text("Four.").withThinking("Two and two make four.").withCacheUsage(8, 0));
		ChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("deepseek-reasoner")
			.returnThinking(true)
			.maxRetries(0)
			.build();
		ChatResponse response = model.chat(ChatRequest.builder().messages(UserMessage.from("2 + 2?")).build());
		assertThat(response.aiMessage().text()).isEqualTo("Four.");
		assertThat(response.aiMessage().thinking()).isEqualTo("Two and two make four.");
		OpenAiTokenUsage usage = (OpenAiTokenUsage) response.tokenUsage();
		assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(8);
		assertThat(usage.outputTokensDetails().reasoningTokens()).isPositive();
	}

	@Test
	void anthropicThinkingModelStreamsItsThinkingAndReportsCacheTokens() {
		this.emulator.enqueue(ScriptedReply.text("Four.").withThinking("Two and two make four.").withCacheUsage(8, 3));
		StreamingChatModel model = AnthropicStreamingChatModel.builder()
			.baseUrl(this.emulator.anthropicBaseUrl() + "/v1")
			.apiKey("sk-ant-test")
			.modelName("claude-sonnet-4-5")
			.maxTokens(2048)
			.thinkingType("enabled")
			.thinkingBudgetTokens(1024)
			.returnThinking(true)
			.build();
		List<String> thinking = new CopyOnWriteArrayList<>();
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();
		StreamingChatResponseHandler handler = handler(new CopyOnWriteArrayList<>(), done);
		model.chat(ChatRequest.builder().messages(UserMessage.from("2 + 2?")).build(),
				new StreamingChatResponseHandler() {

					@Override
					public void onPartialThinking(PartialThinking partial) {
						thinking.add(partial.text());
					}

					@Override
					public void onCompleteResponse(ChatResponse complete) {
						handler.onCompleteResponse(complete);
					}

					@Override
					public void onError(Throwable error) {
						handler.onError(error);
					}

				});
		ChatResponse response = done.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
		assertThat(String.join("", thinking)).isEqualTo("Two and two make four.");
		assertThat(response.aiMessage().thinking()).isEqualTo("Two and two make four.");
		assertThat(response.aiMessage().text()).isEqualTo("Four.");
		assertThat(this.emulator.lastRequest().json().path("thinking").path("type").asText()).isEqualTo("enabled");
		AnthropicTokenUsage usage = (AnthropicTokenUsage) response.tokenUsage();
		assertThat(usage.cacheReadInputTokens()).isEqualTo(8);
		assertThat(usage.cacheCreationInputTokens()).isEqualTo(3);
	}

	@Test
	void maxTokensReachedIsALengthFinish() {
		this.emulator.enqueue(ScriptedReply.text("Once upon a").withMaxTokensReached(),
				ScriptedReply.text("Once upon a").withMaxTokensReached());
		assertThat(anthropic().chat(withSystemMessage("A story")).finishReason()).isEqualTo(FinishReason.LENGTH);
		assertThat(openAi().chat(withSystemMessage("A story")).finishReason()).isEqualTo(FinishReason.LENGTH);
	}

	@Test
	void openAiStreamCutOffReachesTheHandler() {
		this.emulator.enqueue(ScriptedReply.text("This stream breaks off").cutOffAfterEvents(2));
		CompletableFuture<ChatResponse> response = new CompletableFuture<>();
		openAiStreaming().chat("Hi", handler(new CopyOnWriteArrayList<>(), response));
		// An error, not a hang: failsWithin alone would also pass on a timeout.
		assertThat(response).failsWithin(WAIT).withThrowableThat().isInstanceOf(ExecutionException.class);
	}

	@Test
	void anthropicStreamCutOffReachesTheHandler() {
		this.emulator.enqueue(ScriptedReply.text("This stream breaks off").cutOffAfterEvents(3));
		CompletableFuture<ChatResponse> response = new CompletableFuture<>();
		anthropicStreaming().chat("Hi", handler(new CopyOnWriteArrayList<>(), response));
		// An error, not a hang: failsWithin alone would also pass on a timeout.
		assertThat(response).failsWithin(WAIT).withThrowableThat().isInstanceOf(ExecutionException.class);
	}

	@Test
	void aiServiceCallsTheToolTheMessageNames() {
		WeatherTools weather = new WeatherTools();
		ClockTools clock = new ClockTools();
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(openAi()).tools(weather, clock).build();
		String answer = assistant.chat("Use getLocalTime for Tokyo");
		assertThat(this.emulator.requests().get(0).json().path("tools")).hasSize(2);
		assertThat(weather.calls).isEmpty();
		assertThat(clock.calls).containsExactly("getLocalTime(Tokyo)");
		assertThat(answer).contains("I checked with getLocalTime and got: 09:30 in Tokyo");
	}

	private static ChatRequest withSystemMessage(String text) {
		return ChatRequest.builder().messages(SystemMessage.from("You are terse."), UserMessage.from(text)).build();
	}

	private static void assertAnswer(ChatResponse response, String text, int inputTokens, int outputTokens) {
		assertThat(response.aiMessage().text()).isEqualTo(text);
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(inputTokens);
		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(outputTokens);
		assertThat(response.modelName()).isNotBlank();
	}

	/** The chatbot called the tool with the city from the question, then quoted its result. */
	private void assertToolRound(String answer, WeatherTools tools) {
		assertThat(tools.calls).containsExactly("getWeather(Paris)");
		assertThat(answer).contains("I checked with getWeather and got: 18°C in Paris");
		assertThat(this.emulator.requests()).hasSize(2);
	}

	private static Streamed stream(StreamingChatModel model, ChatRequest request) {
		List<String> partials = new CopyOnWriteArrayList<>();
		CompletableFuture<ChatResponse> response = new CompletableFuture<>();
		model.chat(request, handler(partials, response));
		return new Streamed(partials, response.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
	}

	private static Streamed stream(TokenStream tokens) {
		List<String> partials = new CopyOnWriteArrayList<>();
		CompletableFuture<ChatResponse> response = new CompletableFuture<>();
		tokens.onPartialResponse(partials::add)
			.onCompleteResponse(response::complete)
			.onError(response::completeExceptionally)
			.start();
		return new Streamed(partials, response.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
	}

	private static StreamingChatResponseHandler handler(List<String> partials,
			CompletableFuture<ChatResponse> response) {
		return new StreamingChatResponseHandler() {

			@Override
			public void onPartialResponse(String partial) {
				partials.add(partial);
			}

			@Override
			public void onCompleteResponse(ChatResponse complete) {
				response.complete(complete);
			}

			@Override
			public void onError(Throwable error) {
				response.completeExceptionally(error);
			}

		};
	}

	private ChatModel openAi() {
		return OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.maxRetries(0)
			.build();
	}

	private StreamingChatModel openAiStreaming() {
		return OpenAiStreamingChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.build();
	}

	private ChatModel anthropic() {
		return AnthropicChatModel.builder()
			.baseUrl(this.emulator.anthropicBaseUrl() + "/v1")
			.apiKey("sk-ant-test")
			.modelName("claude-sonnet-4-5")
			.maxTokens(256)
			.maxRetries(0)
			.build();
	}

	private StreamingChatModel anthropicStreaming() {
		return AnthropicStreamingChatModel.builder()
			.baseUrl(this.emulator.anthropicBaseUrl() + "/v1")
			.apiKey("sk-ant-test")
			.modelName("claude-sonnet-4-5")
			.maxTokens(256)
			.build();
	}

	interface Assistant {

		String chat(String message);

	}

	interface StreamingAssistant {

		TokenStream chat(String message);

	}

	static class WeatherTools {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Tool("The current weather in a city")
		String getWeather(@P("the city") String city) {
			this.calls.add("getWeather(" + city + ")");
			return "18°C in " + city;
		}

	}

	static class ClockTools {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Tool("The local time in a city")
		String getLocalTime(@P("the city") String city) {
			this.calls.add("getLocalTime(" + city + ")");
			return "09:30 in " + city;
		}

	}

	record Streamed(List<String> partials, ChatResponse response) {

	}

}
