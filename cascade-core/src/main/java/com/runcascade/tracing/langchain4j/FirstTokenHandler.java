package com.runcascade.tracing.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import com.runcascade.tracing.llm.LlmCall;

/**
 * Passes every callback to the caller's handler unchanged and marks the call's first streamed chunk
 * (text, thinking or a tool call), for {@code llm.time_to_first_token_ms}. Each method calls the same
 * one of the handler, so a handler that implements only some of them behaves as without Cascade.
 */
final class FirstTokenHandler implements StreamingChatResponseHandler {

	private final StreamingChatResponseHandler handler;

	private final LlmCall call;

	FirstTokenHandler(StreamingChatResponseHandler handler, LlmCall call) {
		this.handler = handler;
		this.call = call;
	}

	@Override
	public void onPartialResponse(String partialResponse) {
		this.call.firstToken();
		this.handler.onPartialResponse(partialResponse);
	}

	@Override
	public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
		this.call.firstToken();
		this.handler.onPartialResponse(partialResponse, context);
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking) {
		this.call.firstToken();
		this.handler.onPartialThinking(partialThinking);
	}

	@Override
	public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
		this.call.firstToken();
		this.handler.onPartialThinking(partialThinking, context);
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall) {
		this.call.firstToken();
		this.handler.onPartialToolCall(partialToolCall);
	}

	@Override
	public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
		this.call.firstToken();
		this.handler.onPartialToolCall(partialToolCall, context);
	}

	@Override
	public void onCompleteToolCall(CompleteToolCall completeToolCall) {
		this.call.firstToken();
		this.handler.onCompleteToolCall(completeToolCall);
	}

	@Override
	public void onUnmappedRawEvent(Object rawEvent) {
		this.handler.onUnmappedRawEvent(rawEvent);
	}

	@Override
	public void onCompleteResponse(ChatResponse completeResponse) {
		this.handler.onCompleteResponse(completeResponse);
	}

	@Override
	public void onError(Throwable error) {
		this.handler.onError(error);
	}

}
