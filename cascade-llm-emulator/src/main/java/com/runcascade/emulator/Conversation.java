package com.runcascade.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * What the default chatbot needs to know about a request, read from any of the protocols.
 *
 * @param lastUserText the text of the last user message, empty if there is none
 * @param toolResult the tool result the conversation ends with, if any
 * @param tools the function tools the request offers, in order
 * @param forcedTool the tool the request's tool choice names, if any
 * @param toolsDisabled whether the request's tool choice forbids tool calls
 * @param promptChars the length of all text in the request, for the default input tokens
 * @author Cascade
 */
record Conversation(String lastUserText, @Nullable ToolResult toolResult, List<Tool> tools,
		@Nullable String forcedTool, boolean toolsDisabled, int promptChars) {

	/**
	 * Return the text of a message content: a plain string, or the concatenated {@code text}
	 * of its parts (nested {@code content} such as Anthropic's tool results included).
	 * @param content the content node
	 * @return the text, empty if there is none
	 */
	static String text(JsonNode content) {
		if (content.isTextual()) {
			return content.textValue();
		}
		if (content.isArray()) {
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content) {
				String partText = part.isObject() ? textOfPart(part) : text(part);
				if (!partText.isEmpty()) {
					if (!text.isEmpty()) {
						text.append('\n');
					}
					text.append(partText);
				}
			}
			return text.toString();
		}
		return "";
	}

	private static String textOfPart(JsonNode part) {
		if (part.path("text").isTextual()) {
			return part.path("text").textValue();
		}
		if (part.has("content")) {
			return text(part.path("content"));
		}
		return (part.path("output").isTextual()) ? part.path("output").textValue() : "";
	}

	/**
	 * Return the total length of the string values in the given nodes (not their keys), a
	 * stable stand-in for the prompt's size.
	 * @param nodes the nodes to measure
	 * @return the number of characters
	 */
	static int stringChars(JsonNode... nodes) {
		int chars = 0;
		for (JsonNode node : nodes) {
			chars += stringChars(node);
		}
		return chars;
	}

	private static int stringChars(JsonNode node) {
		if (node.isTextual()) {
			return node.textValue().length();
		}
		int chars = 0;
		if (node.isContainerNode()) {
			for (JsonNode child : node) {
				chars += stringChars(child);
			}
		}
		return chars;
	}

	/**
	 * A function tool offered by the request.
	 *
	 * @param name the tool name
	 * @param schema the JSON schema of its arguments
	 */
	record Tool(String name, JsonNode schema) {

	}

	/**
	 * The result of a tool call, sent back by the client.
	 *
	 * @param toolName the name of the called tool, or "the tool" when the call is not in the
	 * request
	 * @param content the result text
	 */
	record ToolResult(String toolName, String content) {

	}

}
