package com.runcascade.compatibility.app;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.advisor.MessageChatMemoryAdvisor;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.stereotype.Service;

/**
 * What the controllers call; every method but {@link #stream} blocks, so the reactive controller
 * calls them on {@code boundedElastic}.
 */
@Service
public class WeatherChat {

	private static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";

	private static final String OPENAI_MODEL = "gpt-4o-mini";

	private final ChatClient chatClient;

	private final ChatClient memoryChatClient;

	private final ChatClient advisedChatClient;

	private final ChatClient plainChatClient;

	private final AnthropicClient anthropic;

	private final OpenAIClient openAi;

	WeatherChat(ChatClient.Builder builder, WeatherTools tools, ChatMemory memory, AnthropicClient anthropic,
			OpenAIClient openAi) {
		this.chatClient = builder.clone().defaultTools(tools).build();
		this.memoryChatClient = builder.clone()
			.defaultTools(tools)
			.defaultAdvisors(MessageChatMemoryAdvisor.builder(memory).build())
			.build();
		// The tool loop in an advisor (ToolCallingAdvisor on Spring AI 2.0, ToolCallAdvisor on 1.1).
		this.advisedChatClient = builder.clone()
			.defaultTools(tools)
			.defaultAdvisors(ToolLoopAdvisor.create())
			.build();
		this.plainChatClient = builder.clone().build();
		this.anthropic = anthropic;
		this.openAi = openAi;
	}

	static String question(String city) {
		return "What's the weather in " + city + "?";
	}

	/** {@code call()} with a tool loop. */
	String call(String city) {
		return text(this.chatClient.prompt().user(question(city)).call().content());
	}

	/** {@code stream()} with a tool loop. */
	Flux<String> stream(String city) {
		return this.chatClient.prompt().user(question(city)).stream().content();
	}

	/** {@code call()} with a tool loop and {@code MessageChatMemoryAdvisor}. */
	String remember(String conversation, String city) {
		return text(this.memoryChatClient.prompt()
			.user(question(city))
			.advisors((advisor) -> advisor.param(ChatMemory.CONVERSATION_ID, conversation))
			.call()
			.content());
	}

	/** {@code call()} with the tool loop in an advisor ({@link ToolLoopAdvisor}). */
	String advised(String city) {
		return text(this.advisedChatClient.prompt().user(question(city)).call().content());
	}

	/** Structured output, {@code call().entity(...)}, no tools. */
	Forecast forecast(String city) {
		Forecast forecast = this.plainChatClient.prompt()
			.user("Give me the forecast for " + city + " as JSON.")
			.call()
			.entity(Forecast.class);
		return Objects.requireNonNull(forecast, "no forecast");
	}

	/** {@code call()} with a tool loop inside a Cascade run. */
	String runCall(String city) throws Exception {
		return Runs.run("WeatherRun", city, () -> call(city));
	}

	/** {@code stream()} with a tool loop inside a Cascade run, collected in it. */
	String runStream(String city) throws Exception {
		return Runs.run("WeatherStreamRun", city,
				() -> String.join("", Objects.requireNonNullElse(stream(city).collectList().block(), List.of())));
	}

	/** The raw Anthropic and OpenAI clients, one call each, inside a Cascade run. */
	String raw(String city) throws Exception {
		return Runs.run("RawRun", city, () -> {
			Message message = this.anthropic.messages().create(anthropicParams(city));
			String anthropicText = message.content()
				.stream()
				.flatMap((block) -> block.text().stream())
				.map((text) -> text.text())
				.collect(Collectors.joining());
			ChatCompletion completion = this.openAi.chat().completions().create(openAiParams(city));
			String openAiText = completion.choices().get(0).message().content().orElse("");
			return anthropicText + "\n" + openAiText;
		});
	}

	/** The raw Anthropic and OpenAI clients, one stream each, inside a Cascade run. */
	String rawStream(String city) throws Exception {
		return Runs.run("RawStreamRun", city, () -> {
			StringBuilder text = new StringBuilder();
			try (StreamResponse<RawMessageStreamEvent> stream = this.anthropic.messages()
				.createStreaming(anthropicParams(city))) {
				stream.stream()
					.forEach((event) -> event.contentBlockDelta()
						.flatMap((delta) -> delta.delta().text())
						.ifPresent((delta) -> text.append(delta.text())));
			}
			text.append('\n');
			ChatCompletionCreateParams params = openAiParams(city).toBuilder()
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
				.build();
			try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = this.openAi.chat()
				.completions()
				.createStreaming(params)) {
				stream.stream()
					.forEach((chunk) -> chunk.choices()
						.forEach((choice) -> choice.delta().content().ifPresent(text::append)));
			}
			return text.toString();
		});
	}

	/** The reply's text; a reply without text (which would fail the matrix's body check) as empty. */
	private static String text(@Nullable String content) {
		return (content != null) ? content : "";
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

	/** The structured output of {@link #forecast}. */
	public record Forecast(String city, String summary) {
	}

}
