package com.runcascade.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.CacheCreation;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.ServerToolUsage;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.Usage;
import com.anthropic.services.blocking.BetaService;
import com.anthropic.services.blocking.CompletionService;
import com.anthropic.services.blocking.MessageService;
import com.anthropic.services.blocking.ModelService;
import com.anthropic.services.blocking.messages.BatchService;
import org.jspecify.annotations.Nullable;

/**
 * An in-process Anthropic client: {@code messages().create(...)} returns a prepared {@link Message},
 * with no HTTP and no JSON, so a benchmark through Cascade's proxy measures the proxy. Plain classes,
 * not proxies, so the direct baseline is a plain interface call.
 */
final class FakeAnthropic {

	static final String MODEL = "claude-sonnet-4-5";

	private FakeAnthropic() {
	}

	/**
	 * A typical chat turn: a system prompt and three messages, about 600 characters of text.
	 * @return the request
	 */
	static MessageCreateParams request() {
		return MessageCreateParams.builder()
			.model(MODEL)
			.maxTokens(1024)
			.temperature(0.2)
			.system("You are a travel assistant. Answer briefly, use the tools to look flights up, "
					+ "and never invent prices or flight numbers.")
			.addUserMessage("I need to fly from New York to Tokyo on the 3rd of March, ideally in the morning, "
					+ "and come back a week later. Economy is fine but I want an aisle seat.")
			.addAssistantMessage("There are two morning flights from JFK to NRT on March 3rd: JFK-NRT-0 leaving "
					+ "at 08:30 and JFK-NRT-1 leaving at 11:05. Both have aisle seats in economy. Shall I "
					+ "look up the return flights on March 10th?")
			.addUserMessage("Yes please, and tell me the total price for the round trip with the 08:30 flight.")
			.build();
	}

	/**
	 * A long conversation: {@code turns} earlier exchanges of about 1.5 KB each, then a question.
	 * @param turns earlier user and assistant message pairs
	 * @return the request
	 */
	static MessageCreateParams longRequest(int turns) {
		MessageCreateParams.Builder builder = MessageCreateParams.builder()
			.model(MODEL)
			.maxTokens(1024)
			.system("You are a travel assistant. Answer briefly and use the tools.");
		String filler = "We compared fares, layovers, seat maps and baggage rules for each option. ".repeat(10);
		for (int i = 0; i < turns; i++) {
			builder.addUserMessage("Question " + i + ": what about the next leg? " + filler);
			builder.addAssistantMessage("Answer " + i + ": here is what I found. " + filler);
		}
		return builder.addUserMessage("So which itinerary is cheapest overall?").build();
	}

	/**
	 * The model's answer to {@link #request()}: one text block and the usage.
	 * @return the message
	 */
	static Message response() {
		return Message.builder()
			.id("msg_01XFDUDYJgAACzvnptvVoYEL")
			.container(Optional.empty())
			.addContent(TextBlock.builder()
				.text("The return flight NRT-JFK-2 on March 10th leaves at 17:20. With the 08:30 outbound "
						+ "flight the round trip costs 1,842.50 USD in economy, aisle seats included. "
						+ "Shall I book it?")
				.citations(List.of())
				.build())
			.model(MODEL)
			.stopDetails(Optional.empty())
			.stopReason(StopReason.END_TURN)
			.stopSequence(Optional.empty())
			.usage(Usage.builder()
				.inputTokens(1184)
				.outputTokens(96)
				.cacheCreationInputTokens(0L)
				.cacheReadInputTokens(0L)
				.cacheCreation((CacheCreation) null)
				.inferenceGeo(Optional.empty())
				.outputTokensDetails(Optional.empty())
				.serverToolUse((ServerToolUsage) null)
				.serviceTier(Usage.ServiceTier.STANDARD)
				.build())
			.build();
	}

	static MessageCountTokensParams countRequest() {
		return MessageCountTokensParams.builder().model(MODEL).addUserMessage("How long is this?").build();
	}

	/** The client: hands out its one message service. */
	static final class Client implements AnthropicClient {

		private final Service messages;

		Client() {
			this(0);
		}

		/** A client whose {@code create} waits {@code delayNanos} first, as a stub of a remote model. */
		Client(long delayNanos) {
			this.messages = new Service(delayNanos);
		}

		@Override
		public MessageService messages() {
			return this.messages;
		}

		@Override
		public @Nullable ModelService models() {
			return null;
		}

		@Override
		public AnthropicClientAsync async() {
			throw new UnsupportedOperationException();
		}

		@Override
		public AnthropicClient.WithRawResponse withRawResponse() {
			throw new UnsupportedOperationException();
		}

		@Override
		public AnthropicClient withOptions(Consumer<ClientOptions.Builder> modifier) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletionService completions() {
			throw new UnsupportedOperationException();
		}

		@Override
		public BetaService beta() {
			throw new UnsupportedOperationException();
		}

		@Override
		public void close() {
		}

	}

	/** The message service: answers every request with the same prepared message. */
	static final class Service implements MessageService {

		private final Message response = response();

		private final long delayNanos;

		Service(long delayNanos) {
			this.delayNanos = delayNanos;
		}

		private final MessageTokensCount tokens = MessageTokensCount.builder().inputTokens(5).build();

		@Override
		public Message create(MessageCreateParams params, RequestOptions requestOptions) {
			return create(params);
		}

		@Override
		public Message create(MessageCreateParams params) {
			if (this.delayNanos > 0) {
				java.util.concurrent.locks.LockSupport.parkNanos(this.delayNanos);
			}
			return this.response;
		}

		@Override
		public MessageTokensCount countTokens(MessageCountTokensParams params, RequestOptions requestOptions) {
			return this.tokens;
		}

		@Override
		public MessageTokensCount countTokens(MessageCountTokensParams params) {
			return this.tokens;
		}

		@Override
		public StreamResponse<RawMessageStreamEvent> createStreaming(MessageCreateParams params,
				RequestOptions requestOptions) {
			throw new UnsupportedOperationException();
		}

		@Override
		public MessageService.WithRawResponse withRawResponse() {
			throw new UnsupportedOperationException();
		}

		@Override
		public MessageService withOptions(Consumer<ClientOptions.Builder> modifier) {
			throw new UnsupportedOperationException();
		}

		@Override
		public BatchService batches() {
			throw new UnsupportedOperationException();
		}

	}

}
