package com.runcascade.tracing.sdk.anthropic;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.sdk.LlmApi;
import com.runcascade.tracing.sdk.StreamAccumulator;

/** The Anthropic Messages API, as the shared invoker reads it. */
final class MessagesApi implements LlmApi<MessageCreateParams, Message, RawMessageStreamEvent> {

	static final MessagesApi INSTANCE = new MessagesApi();

	private MessagesApi() {
	}

	@Override
	public Class<MessageCreateParams> paramsType() {
		return MessageCreateParams.class;
	}

	@Override
	public Class<Message> responseType() {
		return Message.class;
	}

	@Override
	public LlmRequest request(MessageCreateParams params, boolean streaming, boolean captureContent) {
		return AnthropicMessages.request(params, streaming, captureContent);
	}

	@Override
	public LlmResponse response(Message message, boolean captureContent) {
		return AnthropicMessages.response(message, captureContent);
	}

	@Override
	public StreamAccumulator<RawMessageStreamEvent> accumulator(MessageCreateParams params, boolean captureContent) {
		return new AnthropicStreamAccumulator(captureContent);
	}

}
