package com.runcascade.tracing.sdk.openai;

import java.util.ArrayList;
import java.util.List;

import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputContent;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.TokenUsage;
import com.runcascade.tracing.sdk.SdkModels;
import com.runcascade.tracing.sdk.StreamAccumulator;

/**
 * Reads Responses API requests and responses into Cascade's provider-neutral form. The finish
 * reason is the reason a response is incomplete (such as {@code max_output_tokens}) or else its
 * status ({@code completed}, {@code failed}).
 */
final class Responses implements OpenAiOperation<ResponseCreateParams, Response, ResponseStreamEvent> {

	static final Responses INSTANCE = new Responses();

	private Responses() {
	}

	@Override
	public Class<ResponseCreateParams> paramsType() {
		return ResponseCreateParams.class;
	}

	@Override
	public Class<Response> responseType() {
		return Response.class;
	}

	@Override
	public LlmRequest request(ResponseCreateParams params, String provider, boolean streaming,
			boolean captureContent) {
		String model = SdkModels.optional(params::model).map(OpenAiModels::modelName).orElse("unknown");
		List<LlmRequest.Message> messages = captureContent ? messages(params) : List.of();
		return new LlmRequest(provider, model, messages, SdkModels.optionalOrNull(params::maxOutputTokens),
				SdkModels.optionalOrNull(params::temperature), SdkModels.optionalOrNull(params::topP), streaming);
	}

	@Override
	public LlmResponse response(Response response, boolean captureContent) {
		String finishReason = SdkModels.optional(response::incompleteDetails)
			.flatMap(Response.IncompleteDetails::reason)
			.map((reason) -> reason.asString())
			.orElseGet(() -> SdkModels.optional(response::status).map((status) -> status.asString()).orElse(null));
		String completion = null;
		String reasoning = null;
		if (captureContent) {
			StringBuilder text = new StringBuilder();
			StringBuilder thoughts = new StringBuilder();
			for (ResponseOutputItem item : SdkModels.orDefault(response::output, List.<ResponseOutputItem>of())) {
				if (item.isReasoning()) {
					OpenAiModels.appendLine(thoughts, reasoning(item.asReasoning()));
				}
				else {
					OpenAiModels.appendLine(text, describe(item));
				}
			}
			completion = text.isEmpty() ? null : text.toString();
			reasoning = thoughts.isEmpty() ? null : thoughts.toString();
		}
		return new LlmResponse(SdkModels.orNull(() -> OpenAiModels.modelName(response.model())), SdkModels.orNull(response::id),
				(finishReason != null) ? List.of(finishReason) : List.of(), completion,
				SdkModels.optional(response::usage).map(Responses::usage).orElse(null), reasoning);
	}

	@Override
	public StreamAccumulator<ResponseStreamEvent> accumulator(ResponseCreateParams params, boolean captureContent) {
		return new ResponseStreamAccumulator(captureContent);
	}

	static TokenUsage usage(ResponseUsage usage) {
		ResponseUsage.InputTokensDetails details = SdkModels.orNull(usage::inputTokensDetails);
		Long cached = (details != null) ? SdkModels.orNull(details::cachedTokens) : null;
		Long cacheWrite = (details != null) ? SdkModels.orNull(details::cacheWriteTokens) : null;
		ResponseUsage.OutputTokensDetails outputDetails = SdkModels.orNull(usage::outputTokensDetails);
		Long reasoning = (outputDetails != null) ? SdkModels.orNull(outputDetails::reasoningTokens) : null;
		return new TokenUsage(SdkModels.orNull(usage::inputTokens), SdkModels.orNull(usage::outputTokens), cached, cacheWrite,
				true, reasoning);
	}

	/**
	 * What a reasoning item shows of the model's reasoning: its summary (what OpenAI models return
	 * when asked for one), else its reasoning text (open-weight models served with this API).
	 * Encrypted reasoning is never read.
	 */
	static @Nullable String reasoning(ResponseReasoningItem item) {
		try {
			StringBuilder text = new StringBuilder();
			for (ResponseReasoningItem.Summary summary : SdkModels.orDefault(item::summary,
					List.<ResponseReasoningItem.Summary>of())) {
				OpenAiModels.appendLine(text, SdkModels.orNull(summary::text));
			}
			if (text.isEmpty()) {
				for (ResponseReasoningItem.Content content : SdkModels.optional(item::content).orElse(List.of())) {
					OpenAiModels.appendLine(text, SdkModels.orNull(content::text));
				}
			}
			return text.isEmpty() ? null : text.toString();
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	private static String describe(ResponseOutputItem item) {
		try {
			if (item.isMessage()) {
				return outputText(item.asMessage());
			}
			if (item.isFunctionCall()) {
				return OpenAiModels.toolUse(item.asFunctionCall().name(), item.asFunctionCall().arguments());
			}
			if (item.isCustomToolCall()) {
				return OpenAiModels.toolUse(item.asCustomToolCall().name(), item.asCustomToolCall().input());
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// Unreadable item: left out.
		}
		return "";
	}

	static String outputText(ResponseOutputMessage message) {
		StringBuilder text = new StringBuilder();
		for (ResponseOutputMessage.Content content : message.content()) {
			if (content.isOutputText()) {
				OpenAiModels.appendLine(text, content.asOutputText().text());
			}
			else if (content.isRefusal()) {
				OpenAiModels.appendLine(text, "[refusal] " + content.asRefusal().refusal());
			}
		}
		return text.toString();
	}

	private static List<LlmRequest.Message> messages(ResponseCreateParams params) {
		List<LlmRequest.Message> messages = new ArrayList<>();
		SdkModels.optional(params::instructions)
			.ifPresent((instructions) -> messages.add(new LlmRequest.Message(LlmRequest.Message.SYSTEM, instructions)));
		SdkModels.optional(params::input).ifPresent((input) -> {
			if (input.isText()) {
				messages.add(new LlmRequest.Message(LlmRequest.Message.USER, input.asText()));
				return;
			}
			for (ResponseInputItem item : input.asResponse()) {
				try {
					LlmRequest.Message message = message(item);
					if (message != null) {
						messages.add(message);
					}
				}
				catch (RuntimeException | LinkageError ex) {
					messages.add(new LlmRequest.Message(LlmRequest.Message.USER, "[input item]"));
				}
			}
		});
		return messages;
	}

	private static LlmRequest.Message message(ResponseInputItem item) {
		if (item.isEasyInputMessage()) {
			EasyInputMessage message = item.asEasyInputMessage();
			EasyInputMessage.Content content = message.content();
			return new LlmRequest.Message(role(message.role().asString()), content.isTextInput() ? content.asTextInput()
					: inputText(content.asResponseInputMessageContentList()));
		}
		if (item.isMessage()) {
			ResponseInputItem.Message message = item.asMessage();
			return new LlmRequest.Message(role(message.role().asString()), inputText(message.content()));
		}
		if (item.isResponseOutputMessage()) {
			return new LlmRequest.Message(LlmRequest.Message.ASSISTANT, outputText(item.asResponseOutputMessage()));
		}
		if (item.isFunctionCall()) {
			return new LlmRequest.Message(LlmRequest.Message.ASSISTANT,
					OpenAiModels.toolUse(item.asFunctionCall().name(), item.asFunctionCall().arguments()));
		}
		if (item.isFunctionCallOutput()) {
			ResponseInputItem.FunctionCallOutput output = item.asFunctionCallOutput();
			String text = output.output().isString() ? output.output().asString() : "[tool output]";
			return new LlmRequest.Message(LlmRequest.Message.TOOL, OpenAiModels.toolResult(output.callId().orElse(null), text));
		}
		return new LlmRequest.Message(LlmRequest.Message.USER, "[input item]");
	}

	private static String role(String role) {
		return switch (role) {
			case "system", "developer" -> LlmRequest.Message.SYSTEM;
			case "assistant" -> LlmRequest.Message.ASSISTANT;
			default -> LlmRequest.Message.USER;
		};
	}

	private static String inputText(List<ResponseInputContent> contents) {
		StringBuilder text = new StringBuilder();
		for (ResponseInputContent content : contents) {
			if (content.isInputText()) {
				OpenAiModels.appendLine(text, content.asInputText().text());
			}
			else if (content.isInputImage()) {
				OpenAiModels.appendLine(text, "[image]");
			}
			else if (content.isInputFile()) {
				OpenAiModels.appendLine(text, "[file]");
			}
		}
		return text.toString();
	}

}
