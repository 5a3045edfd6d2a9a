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
 * The OpenAI Responses API, {@code POST /v1/responses}.
 *
 * @author Cascade
 */
final class OpenAiResponses implements OpenAiProtocol {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Override
	public Conversation conversation(JsonNode request) {
		JsonNode input = request.path("input");
		String lastUserText = input.isTextual() ? input.textValue() : "";
		Map<String, String> toolNames = new HashMap<>();
		ToolResult toolResult = null;
		for (JsonNode item : input) {
			String type = Json.text(item.path("type"), "message");
			if ("function_call".equals(type)) {
				toolNames.put(Json.text(item.path("call_id"), ""), Json.text(item.path("name"), ""));
			}
			if ("message".equals(type) && "user".equals(Json.text(item.path("role"), ""))) {
				String text = Conversation.text(item.path("content"));
				if (!text.isBlank()) {
					lastUserText = text;
				}
			}
			// Only a tool result that ends the input is still waiting for an answer.
			toolResult = "function_call_output".equals(type) ? new ToolResult(
					toolNames.getOrDefault(Json.text(item.path("call_id"), ""), "the tool"),
					Conversation.text(item.path("output"))) : null;
		}
		JsonNode toolChoice = request.path("tool_choice");
		return new Conversation(lastUserText, toolResult, tools(request.path("tools")),
				Json.textOrNull(toolChoice.path("name")), "none".equals(Json.text(toolChoice, "")),
				Conversation.stringChars(request.path("instructions"), input, request.path("tools")));
	}

	private static List<Tool> tools(JsonNode tools) {
		List<Tool> result = new ArrayList<>();
		for (JsonNode tool : tools) {
			if ("function".equals(Json.text(tool.path("type"), ""))) {
				result.add(new Tool(Json.text(tool.path("name"), ""), tool.path("parameters")));
			}
		}
		return result;
	}

	@Override
	public boolean asksForThinking(JsonNode request) {
		JsonNode summary = request.path("reasoning").path("summary");
		return (!summary.isMissingNode() && !summary.isNull()) || OpenAiProtocol.super.asksForThinking(request);
	}

	@Override
	public JsonNode body(Turn turn) {
		List<ObjectNode> output = output(turn);
		return response(turn, turn.ids().hex("resp_", 50), finalStatus(turn.reply()), output, true);
	}

	@Override
	public void stream(Turn turn, SseStream stream) throws IOException {
		Events events = new Events(stream);
		String id = turn.ids().hex("resp_", 50);
		List<ObjectNode> output = output(turn);
		ObjectNode inProgress = response(turn, id, "in_progress", List.of(), false);
		events.send("response.created", nodes.objectNode().set("response", inProgress));
		events.send("response.in_progress", nodes.objectNode().set("response", inProgress));
		String finalStatus = finalStatus(turn.reply());
		for (int index = 0; index < output.size(); index++) {
			ObjectNode item = output.get(index);
			if ("message".equals(Json.text(item.path("type"), ""))) {
				streamMessage(events, index, item);
			}
			else if ("reasoning".equals(Json.text(item.path("type"), ""))) {
				streamReasoning(events, index, item);
			}
			else {
				streamFunctionCall(events, index, item);
			}
		}
		ObjectNode done = response(turn, id, finalStatus, output, true);
		String terminal = "completed".equals(finalStatus) ? "response.completed" : "response.incomplete";
		events.send(terminal, nodes.objectNode().set("response", done));
		stream.finish();
	}

	private static void streamMessage(Events events, int outputIndex, ObjectNode message) throws IOException {
		String itemId = Json.text(message.path("id"), "");
		ObjectNode added = message.deepCopy().put("status", "in_progress");
		added.putArray("content");
		events.send("response.output_item.added", item(outputIndex, added));
		int contentIndex = 0;
		for (JsonNode part : message.path("content")) {
			String text = Json.text(part.path("text"), "");
			ObjectNode emptyPart = ((ObjectNode) part.deepCopy()).put("text", "");
			events.send("response.content_part.added", part(outputIndex, itemId, contentIndex, emptyPart));
			for (String word : SseStream.words(text)) {
				ObjectNode delta = part(outputIndex, itemId, contentIndex, null).put("delta", word);
				delta.putArray("logprobs");
				events.send("response.output_text.delta", delta);
			}
			ObjectNode textDone = part(outputIndex, itemId, contentIndex, null).put("text", text);
			textDone.putArray("logprobs");
			events.send("response.output_text.done", textDone);
			events.send("response.content_part.done", part(outputIndex, itemId, contentIndex, (ObjectNode) part));
			contentIndex++;
		}
		events.send("response.output_item.done", item(outputIndex, message));
	}

	private static void streamReasoning(Events events, int outputIndex, ObjectNode reasoning) throws IOException {
		String itemId = Json.text(reasoning.path("id"), "");
		ObjectNode added = reasoning.deepCopy();
		added.putArray("summary");
		events.send("response.output_item.added", item(outputIndex, added));
		int summaryIndex = 0;
		for (JsonNode part : reasoning.path("summary")) {
			String text = Json.text(part.path("text"), "");
			ObjectNode summaryEvent = nodes.objectNode()
				.put("item_id", itemId)
				.put("output_index", outputIndex)
				.put("summary_index", summaryIndex);
			ObjectNode emptyPart = ((ObjectNode) part.deepCopy()).put("text", "");
			events.send("response.reasoning_summary_part.added", summaryEvent.deepCopy().set("part", emptyPart));
			for (String word : SseStream.words(text)) {
				events.send("response.reasoning_summary_text.delta", summaryEvent.deepCopy().put("delta", word));
			}
			events.send("response.reasoning_summary_text.done", summaryEvent.deepCopy().put("text", text));
			events.send("response.reasoning_summary_part.done", summaryEvent.deepCopy().set("part", part));
			summaryIndex++;
		}
		events.send("response.output_item.done", item(outputIndex, reasoning));
	}

	private static void streamFunctionCall(Events events, int outputIndex, ObjectNode call) throws IOException {
		String itemId = Json.text(call.path("id"), "");
		String arguments = Json.text(call.path("arguments"), "");
		events.send("response.output_item.added",
				item(outputIndex, call.deepCopy().put("arguments", "").put("status", "in_progress")));
		for (String piece : SseStream.pieces(arguments)) {
			events.send("response.function_call_arguments.delta",
					nodes.objectNode().put("item_id", itemId).put("output_index", outputIndex).put("delta", piece));
		}
		events.send("response.function_call_arguments.done",
				nodes.objectNode().put("item_id", itemId).put("output_index", outputIndex).put("arguments", arguments));
		events.send("response.output_item.done", item(outputIndex, call));
	}

	private static ObjectNode item(int outputIndex, ObjectNode item) {
		ObjectNode event = nodes.objectNode().put("output_index", outputIndex);
		event.set("item", item);
		return event;
	}

	private static ObjectNode part(int outputIndex, String itemId, int contentIndex, @Nullable ObjectNode part) {
		ObjectNode event = nodes.objectNode()
			.put("item_id", itemId)
			.put("output_index", outputIndex)
			.put("content_index", contentIndex);
		if (part != null) {
			event.set("part", part);
		}
		return event;
	}

	private static List<ObjectNode> output(Turn turn) {
		ScriptedReply reply = turn.reply();
		List<ObjectNode> output = new ArrayList<>();
		if (turn.thinking() != null) {
			ObjectNode reasoning = nodes.objectNode().put("id", turn.ids().hex("rs_", 50)).put("type", "reasoning");
			reasoning.putArray("summary").addObject().put("type", "summary_text").put("text", turn.thinking());
			output.add(reasoning);
		}
		String text = reply.text();
		if (text != null && (!text.isEmpty() || reply.toolCalls().isEmpty())) {
			ObjectNode message = nodes.objectNode()
				.put("id", turn.ids().hex("msg_", 50))
				.put("type", "message")
				.put("status", reply.maxTokensReached() ? "incomplete" : "completed");
			ObjectNode part = message.putArray("content").addObject().put("type", "output_text");
			part.putArray("annotations");
			part.putArray("logprobs");
			part.put("text", text);
			message.put("role", "assistant");
			output.add(message);
		}
		for (ToolCall call : reply.toolCalls()) {
			output.add(nodes.objectNode()
				.put("id", turn.ids().hex("fc_", 50))
				.put("type", "function_call")
				.put("status", "completed")
				.put("arguments", call.arguments())
				.put("call_id", turn.ids().base62("call_", 24))
				.put("name", call.name()));
		}
		return output;
	}

	private static String finalStatus(ScriptedReply reply) {
		return reply.maxTokensReached() ? "incomplete" : "completed";
	}

	/**
	 * Build a full response object. Besides what a client reads, the SDK's strict validation
	 * requires the request settings echoed back ({@code tools}, {@code tool_choice},
	 * {@code parallel_tool_calls}, ...), so they are all present with the API's defaults.
	 */
	private static ObjectNode response(Turn turn, String id, String status, List<ObjectNode> output,
			boolean finished) {
		JsonNode request = turn.request();
		ObjectNode response = nodes.objectNode()
			.put("id", id)
			.put("object", "response")
			.put("created_at", turn.createdAt())
			.put("status", status)
			.put("background", false);
		if (finished && "completed".equals(status)) {
			response.put("completed_at", turn.createdAt());
		}
		else {
			response.putNull("completed_at");
		}
		response.putNull("error");
		if ("incomplete".equals(status)) {
			response.putObject("incomplete_details").put("reason", "max_output_tokens");
		}
		else {
			response.putNull("incomplete_details");
		}
		response.set("instructions", echo(request, "instructions", nodes.nullNode()));
		response.set("max_output_tokens", echo(request, "max_output_tokens", nodes.nullNode()));
		response.set("max_tool_calls", echo(request, "max_tool_calls", nodes.nullNode()));
		response.put("model", turn.model());
		ArrayNode outputArray = response.putArray("output");
		output.forEach(outputArray::add);
		response.set("parallel_tool_calls", echo(request, "parallel_tool_calls", nodes.booleanNode(true)));
		response.set("previous_response_id", echo(request, "previous_response_id", nodes.nullNode()));
		ObjectNode reasoning = nodes.objectNode().putNull("effort").putNull("summary");
		response.set("reasoning", echo(request, "reasoning", reasoning));
		response.put("service_tier", "default");
		response.set("store", echo(request, "store", nodes.booleanNode(true)));
		response.set("temperature", echo(request, "temperature", nodes.numberNode(1.0)));
		ObjectNode text = nodes.objectNode();
		text.putObject("format").put("type", "text");
		text.put("verbosity", "medium");
		response.set("text", echo(request, "text", text));
		response.set("tool_choice", echo(request, "tool_choice", nodes.textNode("auto")));
		response.set("tools", echo(request, "tools", nodes.arrayNode()));
		response.put("top_logprobs", 0);
		response.set("top_p", echo(request, "top_p", nodes.numberNode(1.0)));
		response.put("truncation", "disabled");
		if (finished && !turn.usage().omitted()) {
			response.set("usage", usage(turn.usage()));
		}
		else {
			response.putNull("usage");
		}
		response.set("user", echo(request, "user", nodes.nullNode()));
		response.set("metadata", echo(request, "metadata", nodes.objectNode()));
		return response;
	}

	private static JsonNode echo(JsonNode request, String field, JsonNode defaultValue) {
		JsonNode value = request.path(field);
		return (value.isMissingNode() || value.isNull()) ? defaultValue : value.deepCopy();
	}

	private static ObjectNode usage(Usage usage) {
		ObjectNode node = nodes.objectNode().put("input_tokens", usage.input());
		// This SDK version requires cache_write_tokens next to cached_tokens.
		node.putObject("input_tokens_details")
			.put("cached_tokens", usage.cacheRead())
			.put("cache_write_tokens", usage.cacheCreation());
		node.put("output_tokens", usage.output());
		node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoning());
		return node.put("total_tokens", usage.input() + usage.output());
	}


	/**
	 * Numbers the events of one stream: each carries its {@code type} and
	 * {@code sequence_number}, and is also named by an {@code event:} line.
	 */
	private static final class Events {

		private final SseStream stream;

		private int sequence;

		Events(SseStream stream) {
			this.stream = stream;
		}

		void send(String type, ObjectNode event) throws IOException {
			ObjectNode data = nodes.objectNode().put("type", type).put("sequence_number", this.sequence++);
			data.setAll(event);
			this.stream.event(type, data);
		}

	}

}
