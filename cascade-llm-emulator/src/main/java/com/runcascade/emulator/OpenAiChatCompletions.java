package com.runcascade.emulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.runcascade.emulator.Conversation.Tool;
import com.runcascade.emulator.Conversation.ToolResult;
import com.runcascade.emulator.ScriptedReply.ToolCall;
import com.runcascade.emulator.ScriptedReply.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI Chat Completions API, {@code POST /v1/chat/completions}.
 *
 * @author Cascade
 */
final class OpenAiChatCompletions implements OpenAiProtocol {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Override
	public Conversation conversation(JsonNode request) {
		JsonNode messages = request.path("messages");
		Map<String, String> toolNames = new HashMap<>();
		String lastUserText = "";
		for (JsonNode message : messages) {
			String role = Json.text(message.path("role"), "");
			if ("assistant".equals(role)) {
				for (JsonNode call : message.path("tool_calls")) {
					toolNames.put(Json.text(call.path("id"), ""), Json.text(call.path("function").path("name"), ""));
				}
			}
			else if ("user".equals(role)) {
				String text = Conversation.text(message.path("content"));
				if (!text.isBlank()) {
					lastUserText = text;
				}
			}
		}
		ToolResult toolResult = null;
		if (!messages.isEmpty()) {
			JsonNode last = messages.get(messages.size() - 1);
			if ("tool".equals(Json.text(last.path("role"), ""))) {
				toolResult = new ToolResult(
						toolNames.getOrDefault(Json.text(last.path("tool_call_id"), ""), "the tool"),
						Conversation.text(last.path("content")));
			}
		}
		JsonNode toolChoice = request.path("tool_choice");
		return new Conversation(lastUserText, toolResult, tools(request.path("tools")), forcedTool(toolChoice),
				"none".equals(Json.text(toolChoice, "")),
				Conversation.stringChars(messages, request.path("tools")));
	}

	static List<Tool> tools(JsonNode tools) {
		List<Tool> result = new ArrayList<>();
		for (JsonNode tool : tools) {
			if ("function".equals(Json.text(tool.path("type"), ""))) {
				JsonNode function = tool.path("function");
				result.add(new Tool(Json.text(function.path("name"), ""), function.path("parameters")));
			}
		}
		return result;
	}

	private static @Nullable String forcedTool(JsonNode toolChoice) {
		return Json.textOrNull(toolChoice.path("function").path("name"));
	}

	@Override
	public JsonNode body(Turn turn) {
		ScriptedReply reply = turn.reply();
		ObjectNode completion = envelope(turn, turn.ids().base62("chatcmpl-", 29), "chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
		ObjectNode message = choice.putObject("message").put("role", "assistant");
		message.put("content", reply.text());
		if (turn.thinking() != null) {
			message.put("reasoning_content", turn.thinking());
		}
		message.putNull("refusal");
		message.putArray("annotations");
		if (!reply.toolCalls().isEmpty()) {
			ArrayNode toolCalls = message.putArray("tool_calls");
			for (ToolCall call : reply.toolCalls()) {
				ObjectNode toolCall = toolCalls.addObject()
					.put("id", turn.ids().base62("call_", 24))
					.put("type", "function");
				toolCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
			}
		}
		choice.putNull("logprobs");
		choice.put("finish_reason", finishReason(reply));
		if (!turn.usage().omitted()) {
			completion.set("usage", usage(turn.usage()));
		}
		completion.put("service_tier", "default");
		completion.put("system_fingerprint", "fp_emulator");
		return completion;
	}

	@Override
	public void stream(Turn turn, SseStream stream) throws IOException {
		ScriptedReply reply = turn.reply();
		String id = turn.ids().base62("chatcmpl-", 29);
		boolean includeUsage = Json.isTrue(turn.request().path("stream_options").path("include_usage"));
		Chunks chunks = new Chunks(turn, id, includeUsage, stream);
		String text = reply.text();
		ObjectNode first = nodes.objectNode().put("role", "assistant");
		if (text != null || reply.toolCalls().isEmpty()) {
			first.put("content", "");
		}
		else {
			first.putNull("content");
		}
		first.putNull("refusal");
		chunks.send(first, null);
		if (turn.thinking() != null) {
			for (String word : SseStream.words(turn.thinking())) {
				chunks.send(nodes.objectNode().put("reasoning_content", word), null);
			}
		}
		if (text != null) {
			for (String word : SseStream.words(text)) {
				chunks.send(nodes.objectNode().put("content", word), null);
			}
		}
		int index = 0;
		for (ToolCall call : reply.toolCalls()) {
			ObjectNode start = nodes.objectNode();
			ObjectNode toolCall = start.putArray("tool_calls")
				.addObject()
				.put("index", index)
				.put("id", turn.ids().base62("call_", 24))
				.put("type", "function");
			toolCall.putObject("function").put("name", call.name()).put("arguments", "");
			chunks.send(start, null);
			for (String piece : SseStream.pieces(call.arguments())) {
				ObjectNode delta = nodes.objectNode();
				delta.putArray("tool_calls")
					.addObject()
					.put("index", index)
					.putObject("function")
					.put("arguments", piece);
				chunks.send(delta, null);
			}
			index++;
		}
		chunks.send(nodes.objectNode(), finishReason(reply));
		if (includeUsage && !turn.usage().omitted()) {
			ObjectNode usageChunk = envelope(turn, id, "chat.completion.chunk");
			usageChunk.putArray("choices");
			usageChunk.put("service_tier", "default");
			usageChunk.put("system_fingerprint", "fp_emulator");
			usageChunk.set("usage", usage(turn.usage()));
			stream.event(null, usageChunk);
		}
		stream.event(null, "[DONE]");
		stream.finish();
	}

	private static ObjectNode envelope(Turn turn, String id, String object) {
		return nodes.objectNode()
			.put("id", id)
			.put("object", object)
			.put("created", turn.createdAt())
			.put("model", turn.model());
	}

	private static String finishReason(ScriptedReply reply) {
		if (reply.maxTokensReached()) {
			return "length";
		}
		return reply.toolCalls().isEmpty() ? "stop" : "tool_calls";
	}

	private static ObjectNode usage(Usage usage) {
		ObjectNode node = nodes.objectNode()
			.put("prompt_tokens", usage.input())
			.put("completion_tokens", usage.output())
			.put("total_tokens", usage.input() + usage.output());
		node.putObject("prompt_tokens_details").put("cached_tokens", usage.cacheRead()).put("audio_tokens", 0);
		node.putObject("completion_tokens_details")
			.put("reasoning_tokens", usage.reasoning())
			.put("audio_tokens", 0)
			.put("accepted_prediction_tokens", 0)
			.put("rejected_prediction_tokens", 0);
		return node;
	}


	/**
	 * Writes {@code chat.completion.chunk} events that share one id and envelope.
	 */
	private static final class Chunks {

		private final Turn turn;

		private final String id;

		private final boolean includeUsage;

		private final SseStream stream;

		Chunks(Turn turn, String id, boolean includeUsage, SseStream stream) {
			this.turn = turn;
			this.id = id;
			this.includeUsage = includeUsage;
			this.stream = stream;
		}

		void send(ObjectNode delta, @Nullable String finishReason) throws IOException {
			ObjectNode chunk = envelope(this.turn, this.id, "chat.completion.chunk");
			chunk.put("service_tier", "default");
			chunk.put("system_fingerprint", "fp_emulator");
			ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
			choice.set("delta", delta);
			choice.putNull("logprobs");
			choice.put("finish_reason", finishReason);
			if (this.includeUsage) {
				// With include_usage every chunk but the last carries an explicit null usage.
				chunk.putNull("usage");
			}
			this.stream.event(null, chunk);
		}

	}

}
