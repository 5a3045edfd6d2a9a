package com.runcascade.compatibility.boot3;

import java.util.Map;
import java.util.stream.Collectors;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import org.springframework.stereotype.Service;

import com.runcascade.tracing.Cascade;

/**
 * One run with one agent: the tool, then each SDK client called and streamed. The reply is the
 * tool's result and the four answers, one a line.
 */
@Service
class WeatherAgent {

	private static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";

	private static final String OPENAI_MODEL = "gpt-4o-mini";

	private final WeatherTools tools;

	private final AnthropicClient anthropic;

	private final OpenAIClient openAi;

	WeatherAgent(WeatherTools tools, AnthropicClient anthropic, OpenAIClient openAi) {
		this.tools = tools;
		this.anthropic = anthropic;
		this.openAi = openAi;
	}

	String answer(String city) throws Exception {
		return Cascade.traceRun("WeatherRun", Map.of("city", city),
				() -> Cascade.traceAgent("WeatherAgent", null, () -> String.join("\n", this.tools.currentWeather(city),
						anthropicCall(city), openAiCall(city), anthropicStream(city), openAiStream(city))));
	}

	static String question(String city) {
		return "What's the weather in " + city + "?";
	}

	private String anthropicCall(String city) {
		return this.anthropic.messages()
			.create(anthropicParams(city))
			.content()
			.stream()
			.flatMap((block) -> block.text().stream())
			.map((text) -> text.text())
			.collect(Collectors.joining());
	}

	private String openAiCall(String city) {
		return this.openAi.chat().completions().create(openAiParams(city)).choices().get(0).message().content()
			.orElse("");
	}

	private String anthropicStream(String city) {
		StringBuilder text = new StringBuilder();
		try (StreamResponse<RawMessageStreamEvent> stream = this.anthropic.messages()
			.createStreaming(anthropicParams(city))) {
			stream.stream()
				.forEach((event) -> event.contentBlockDelta()
					.flatMap((delta) -> delta.delta().text())
					.ifPresent((delta) -> text.append(delta.text())));
		}
		return text.toString();
	}

	private String openAiStream(String city) {
		StringBuilder text = new StringBuilder();
		ChatCompletionCreateParams params = openAiParams(city).toBuilder()
			.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
			.build();
		try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = this.openAi.chat()
			.completions()
			.createStreaming(params)) {
			stream.stream()
				.forEach((chunk) -> chunk.choices().forEach((choice) -> choice.delta().content().ifPresent(text::append)));
		}
		return text.toString();
	}

	private static MessageCreateParams anthropicParams(String city) {
		return MessageCreateParams.builder()
			.model(ANTHROPIC_MODEL)
			.maxTokens(256)
			.addUserMessage(question(city))
			.build();
	}

	private static ChatCompletionCreateParams openAiParams(String city) {
		return ChatCompletionCreateParams.builder().model(OPENAI_MODEL).addUserMessage(question(city)).build();
	}

}
