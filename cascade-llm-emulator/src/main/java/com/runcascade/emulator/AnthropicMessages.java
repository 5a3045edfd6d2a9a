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
 * The Anthropic Messages API, {@code POST /v1/messages}.
 *
 * @author Cascade
 */
final class AnthropicMessages implements Protocol {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Override
	public Conversation conversation(JsonNode request) {
		JsonNode messages = request.path("messages");
		Map<String, String> toolNames = new HashMap<>();
		String lastUserText = "";
		for (JsonNode message : messages) {
			JsonNode content = message.path("content");
			if ("assistant".equals(Json.text(message.path("role"), ""))) {
				for (JsonNode block : content) {
					if ("tool_use".equals(Json.text(block.path("type"), ""))) {
						toolNames.put(Json.text(block.path("id"), ""), Json.text(block.path("name"), ""));
					}
				}
			}
			else if ("user".equals(Json.text(message.path("role"), ""))) {
				String text = userText(content);
				if (!text.isBlank()) {
					lastUserText = text;
				}
			}
		}
		return new Conversation(lastUserText, toolResult(messages, toolNames), tools(request.path("tools")),
				forcedTool(request.path("tool_choice")),
				"none".equals(Json.text(request.path("tool_choice").path("type"), "")),
				Conversation.stringChars(request.path("system"), messages, request.path("tools")));
	}

	private static String userText(JsonNode content) {
		if (content.isTextual()) {
			return content.textValue();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode block : content) {
			if ("text".equals(Json.text(block.path("type"), ""))) {
				text.append(text.isEmpty() ? "" : "\n").append(Json.text(block.path("text"), ""));
			}
		}
		return text.toString();
	}

	private static @Nullable ToolResult toolResult(JsonNode messages, Map<String, String> toolNames) {
		if (messages.isEmpty()) {
			return null;
		}
		JsonNode last = messages.get(messages.size() - 1);
		ToolResult result = null;
		if ("user".equals(Json.text(last.path("role"), ""))) {
			for (JsonNode block : last.path("content")) {
				if ("tool_result".equals(Json.text(block.path("type"), ""))) {
					String name = toolNames.getOrDefault(Json.text(block.path("tool_use_id"), ""), "the tool");
					result = new ToolResult(name, Conversation.text(block.path("content")));
				}
			}
		}
		return result;
	}

	private static List<Tool> tools(JsonNode tools) {
		List<Tool> result = new ArrayList<>();
		for (JsonNode tool : tools) {
			// Server tools (web search, code execution, ...) have no input schema: not ours to call.
			if (tool.has("input_schema")) {
				result.add(new Tool(Json.text(tool.path("name"), ""), tool.path("input_schema")));
			}
		}
		return result;
	}

	private static @Nullable String forcedTool(JsonNode toolChoice) {
		return "tool".equals(Json.text(toolChoice.path("type"), "")) ? Json.textOrNull(toolChoice.path("name")) : null;
	}

	@Override
	public boolean asksForThinking(JsonNode request) {
		String thinking = Json.text(request.path("thinking").path("type"), "");
		return "enabled".equals(thinking) || "adaptive".equals(thinking) || Protocol.super.asksForThinking(request);
	}

	@Override
	public JsonNode body(Turn turn) {
		ObjectNode message = message(turn, turn.ids().base62("msg_01", 22));
		ArrayNode content = message.putArray("content");
		ScriptedReply reply = turn.reply();
		if (turn.thinking() != null) {
			content.addObject()
				.put("type", "thinking")
				.put("thinking", turn.thinking())
				.put("signature", signature(turn));
		}
		String text = textBlock(reply);
		if (text != null) {
			content.addObject().put("type", "text").put("text", text);
		}
		for (ToolCall call : reply.toolCalls()) {
			toolUse(content.addObject(), call, turn.ids()).set("input", call.input());
		}
		message.put("stop_reason", stopReason(reply));
		message.putNull("stop_sequence");
		message.set("usage", usage(turn.usage(), turn.usage().output()));
		return message;
	}

	@Override
	public void stream(Turn turn, SseStream stream) throws IOException {
		ScriptedReply reply = turn.reply();
		ObjectNode message = message(turn, turn.ids().base62("msg_01", 22));
		message.putArray("content");
		message.putNull("stop_reason");
		message.putNull("stop_sequence");
		// The real API reports a token or so in message_start and the total in message_delta.
		message.set("usage", usage(turn.usage(), Math.min(1, turn.usage().output())));
		ObjectNode start = nodes.objectNode().put("type", "message_start");
		start.set("message", message);
		stream.event("message_start", start);
		int index = 0;
		String thinking = turn.thinking();
		if (thinking != null) {
			blockStart(stream, index, nodes.objectNode().put("type", "thinking").put("thinking", "").put("signature", ""));
			for (String chunk : SseStream.words(thinking)) {
				blockDelta(stream, index, nodes.objectNode().put("type", "thinking_delta").put("thinking", chunk));
			}
			blockDelta(stream, index, nodes.objectNode().put("type", "signature_delta").put("signature", signature(turn)));
			blockStop(stream, index++);
		}
		String text = textBlock(reply);
		if (text != null) {
			blockStart(stream, index, nodes.objectNode().put("type", "text").put("text", ""));
			for (String chunk : SseStream.words(text)) {
				blockDelta(stream, index, nodes.objectNode().put("type", "text_delta").put("text", chunk));
			}
			blockStop(stream, index++);
		}
		for (ToolCall call : reply.toolCalls()) {
			ObjectNode block = toolUse(nodes.objectNode(), call, turn.ids());
			block.putObject("input");
			blockStart(stream, index, block);
			blockDelta(stream, index, nodes.objectNode().put("type", "input_json_delta").put("partial_json", ""));
			for (String piece : SseStream.pieces(call.arguments())) {
				blockDelta(stream, index,
						nodes.objectNode().put("type", "input_json_delta").put("partial_json", piece));
			}
			blockStop(stream, index++);
		}
		ObjectNode delta = nodes.objectNode().put("type", "message_delta");
		delta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
		Usage usage = turn.usage();
		delta.putObject("usage")
			.put("input_tokens", usage.input())
			.put("cache_creation_input_tokens", usage.cacheCreation())
			.put("cache_read_input_tokens", usage.cacheRead())
			.put("output_tokens", usage.output());
		stream.event("message_delta", delta);
		stream.event("message_stop", nodes.objectNode().put("type", "message_stop"));
		stream.finish();
	}

	private static void blockStart(SseStream stream, int index, ObjectNode block) throws IOException {
		ObjectNode event = nodes.objectNode().put("type", "content_block_start").put("index", index);
		event.set("content_block", block);
		stream.event("content_block_start", event);
		if (index == 0) {
			// The real API sends a keep-alive ping right after the first block starts.
			stream.event("ping", nodes.objectNode().put("type", "ping"));
		}
	}

	private static void blockDelta(SseStream stream, int index, ObjectNode delta) throws IOException {
		ObjectNode event = nodes.objectNode().put("type", "content_block_delta").put("index", index);
		event.set("delta", delta);
		stream.event("content_block_delta", event);
	}

	private static void blockStop(SseStream stream, int index) throws IOException {
		stream.event("content_block_stop", nodes.objectNode().put("type", "content_block_stop").put("index", index));
	}

	/** An opaque stand-in for the signature the real API puts on a thinking block. */
	private static String signature(Turn turn) {
		return turn.ids().base62("EqQBCkYIBxgCKkB", 64);
	}

	private static ObjectNode message(Turn turn, String id) {
		return nodes.objectNode()
			.put("id", id)
			.put("type", "message")
			.put("role", "assistant")
			.put("model", turn.model());
	}

	private static ObjectNode toolUse(ObjectNode block, ToolCall call, Ids ids) {
		block.put("type", "tool_use").put("id", ids.base62("toolu_01", 22)).put("name", call.name());
		// The SDK treats "caller" as required on tool_use blocks; "direct" is a plain model call.
		block.putObject("caller").put("type", "direct");
		return block;
	}

	/** The text of the reply's text block, or {@code null} when it has none (tool calls only). */
	private static @Nullable String textBlock(ScriptedReply reply) {
		String text = reply.text();
		return (text != null && (!text.isEmpty() || reply.toolCalls().isEmpty())) ? text : null;
	}

	private static String stopReason(ScriptedReply reply) {
		if (reply.maxTokensReached()) {
			return "max_tokens";
		}
		return reply.toolCalls().isEmpty() ? "end_turn" : "tool_use";
	}

	private static ObjectNode usage(Usage usage, long outputTokens) {
		ObjectNode node = nodes.objectNode()
			.put("input_tokens", usage.input())
			.put("cache_creation_input_tokens", usage.cacheCreation())
			.put("cache_read_input_tokens", usage.cacheRead());
		node.putObject("cache_creation")
			.put("ephemeral_5m_input_tokens", usage.cacheCreation())
			.put("ephemeral_1h_input_tokens", 0);
		return node.put("output_tokens", outputTokens).put("service_tier", "standard");
	}

	@Override
	public JsonNode error(int status, String message) {
		ObjectNode body = nodes.objectNode().put("type", "error");
		body.putObject("error").put("type", errorType(status)).put("message", message);
		return body;
	}

	private static String errorType(int status) {
		return switch (status) {
			case 400 -> "invalid_request_error";
			case 401 -> "authentication_error";
			case 402 -> "billing_error";
			case 403 -> "permission_error";
			case 404 -> "not_found_error";
			case 413 -> "request_too_large";
			case 429 -> "rate_limit_error";
			case 504 -> "timeout_error";
			case 529 -> "overloaded_error";
			default -> (status < 500) ? "invalid_request_error" : "api_error";
		};
	}

	@Override
	public String requestIdHeader() {
		return "request-id";
	}

	@Override
	public String requestId(Ids ids) {
		return ids.base62("req_011", 21);
	}

}
