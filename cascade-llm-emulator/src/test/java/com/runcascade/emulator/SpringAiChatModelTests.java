package com.runcascade.emulator;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that Spring AI's chat models, configured only with the emulator's base URL, work
 * against it: calls, streams and tool calls.
 *
 * @author Cascade
 */
class SpringAiChatModelTests {

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
	void anthropicChatModelCallsToolThenAnswersWithItsResult() {
		AnthropicChatModel model = anthropic();
		assertToolRoundTrip(model::call);
		assertThat(this.emulator.requests().get(0).header("x-api-key")).isEqualTo("sk-ant-test");
	}

	@Test
	void anthropicChatModelStreams() {
		this.emulator.enqueue(ScriptedReply.text("Streaming from the emulator").withUsage(10, 4));
		List<ChatResponse> responses = anthropic().stream(new Prompt("Hi")).collectList().block();
		assertThat(text(responses)).isEqualTo("Streaming from the emulator");
		assertThat(this.emulator.lastRequest().json().path("stream").asBoolean()).isTrue();
	}

	@Test
	void anthropicChatModelStreamsToolCall() {
		AnthropicChatModel model = anthropic();
		assertStreamedToolCall(model::stream);
	}

	@Test
	void openAiChatModelCallsToolThenAnswersWithItsResult() {
		OpenAiChatModel model = openAi();
		assertToolRoundTrip(model::call);
		assertThat(this.emulator.requests().get(0).header("authorization")).isEqualTo("Bearer sk-test");
	}

	@Test
	void openAiChatModelStreamsToolCall() {
		OpenAiChatModel model = openAi();
		assertStreamedToolCall(model::stream);
	}

	@Test
	void openAiChatModelStreams() {
		this.emulator.enqueue(ScriptedReply.text("Streaming from the emulator").withUsage(10, 4));
		List<ChatResponse> responses = openAi().stream(new Prompt("Hi")).collectList().block();
		assertThat(text(responses)).isEqualTo("Streaming from the emulator");
	}

	/**
	 * Ask about the weather, run the tool the chatbot calls, and send its result back, as a
	 * tool-calling advisor would.
	 */
	private void assertToolRoundTrip(Function<Prompt, ChatResponse> model) {
		UserMessage question = new UserMessage("What's the weather in Paris?");
		ChatResponse toolTurn = model.apply(new Prompt(question));
		AssistantMessage toolCall = toolTurn.getResult().getOutput();
		assertThat(toolCall.getToolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
		});
		assertThat(toolTurn.getMetadata().getUsage().getPromptTokens()).isPositive();
		AssistantMessage.ToolCall call = toolCall.getToolCalls().get(0);
		ToolResponseMessage result = ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse(call.id(), call.name(),
					weatherTool().call(call.arguments()))))
			.build();
		ChatResponse answer = model.apply(new Prompt(List.of(question, toolCall, result)));
		assertThat(answer.getResult().getOutput().getText()).contains("get_weather").contains("18°C in Paris");
		assertThat(this.emulator.requests()).hasSize(2);
	}

	private void assertStreamedToolCall(Function<Prompt, Flux<ChatResponse>> model) {
		List<ChatResponse> responses = model.apply(new Prompt("What's the weather in Paris?")).collectList().block();
		assertThat(responses).flatExtracting((response) -> (response.getResult() != null)
				? response.getResult().getOutput().getToolCalls() : List.of())
			.singleElement()
			.satisfies((call) -> {
				assertThat(call.name()).isEqualTo("get_weather");
				assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
			});
	}

	private AnthropicChatModel anthropic() {
		return AnthropicChatModel.builder()
			.options(AnthropicChatOptions.builder()
				.baseUrl(this.emulator.anthropicBaseUrl())
				.apiKey("sk-ant-test")
				.model("claude-sonnet-4-5")
				.maxTokens(256)
				.maxRetries(0)
				.toolCallbacks(List.of(weatherTool()))
				.build())
			.build();
	}

	private OpenAiChatModel openAi() {
		return OpenAiChatModel.builder()
			.options(OpenAiChatOptions.builder()
				.baseUrl(this.emulator.openAiBaseUrl())
				.apiKey("sk-test")
				.model("gpt-4o-mini")
				.maxRetries(0)
				.toolCallbacks(List.of(weatherTool()))
				.build())
			.build();
	}

	private static ToolCallback weatherTool() {
		Function<WeatherRequest, String> weather = (request) -> "18°C in " + request.city();
		return FunctionToolCallback.builder("get_weather", weather)
			.description("The current weather in a city")
			.inputType(WeatherRequest.class)
			.build();
	}

	private static String text(List<ChatResponse> responses) {
		return responses.stream()
			.filter((response) -> response.getResult() != null)
			.map((response) -> response.getResult().getOutput().getText())
			.filter(Objects::nonNull)
			.collect(Collectors.joining());
	}

	record WeatherRequest(String city) {

	}

}
