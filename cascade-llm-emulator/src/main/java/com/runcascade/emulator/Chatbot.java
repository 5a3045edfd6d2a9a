package com.runcascade.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.runcascade.emulator.Conversation.Tool;
import com.runcascade.emulator.Conversation.ToolResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deterministic reply used when no {@link ScriptedReply} is queued. See
 * {@link LlmEmulator} for the rules.
 *
 * @author Cascade
 */
final class Chatbot {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’_-]*");

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

	private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "hiya", "howdy", "greetings",
			"bonjour", "hola", "hallo");

	// Properties that want the whole request, not a keyword taken from it.
	private static final Set<String> FREE_TEXT_PROPERTIES = Set.of("query", "q", "question", "text", "input",
			"prompt", "message", "search", "searchquery", "searchterm", "request", "content");

	private static final Set<String> STOP_WORDS = Set.of("a", "about", "an", "and", "any", "are", "as", "at", "be",
			"can", "could", "do", "does", "for", "from", "give", "have", "how", "i", "i'm", "in", "is", "it", "it's",
			"its", "know", "like", "look", "me", "my", "of", "on", "or", "please", "show", "tell", "that", "the",
			"there", "this", "to", "up", "us", "want", "was", "we", "what", "what's", "whats", "when", "where",
			"which", "who", "why", "will", "with", "would", "you", "your", "find", "get", "check", "current",
			"today", "now", "some", "need", "let", "let's", "there's", "thanks", "thank");

	private Chatbot() {
	}

	static ScriptedReply reply(Conversation conversation) {
		ToolResult toolResult = conversation.toolResult();
		if (toolResult != null) {
			return ScriptedReply.text(afterTool(toolResult, conversation.lastUserText()));
		}
		Tool tool = toolToCall(conversation);
		if (tool != null) {
			return ScriptedReply.toolCall(tool.name(), arguments(tool.schema(), conversation.lastUserText()).toString());
		}
		return ScriptedReply.text(answer(conversation.lastUserText()));
	}

	private static @Nullable Tool toolToCall(Conversation conversation) {
		if (conversation.toolsDisabled() || conversation.tools().isEmpty()) {
			return null;
		}
		for (Tool tool : conversation.tools()) {
			if (tool.name().equals(conversation.forcedTool())) {
				return tool;
			}
		}
		return conversation.tools().get(0);
	}

	private static String afterTool(ToolResult result, String question) {
		String content = abbreviate(result.content().strip().replaceAll("\\s+", " "), 200);
		if (content.isEmpty()) {
			content = "nothing";
		}
		String answer = "I checked with " + result.toolName() + " and got: " + content + ".";
		if (!question.isBlank()) {
			answer += " That should answer \"" + abbreviate(oneLine(question), 80) + "\".";
		}
		return answer + " Is there anything else I can help you with?";
	}

	private static String answer(String message) {
		String text = oneLine(message);
		if (text.isEmpty()) {
			return "Hello! I'm a friendly offline assistant. What can I do for you today?";
		}
		List<String> words = words(text);
		String first = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
		if (GREETINGS.contains(first) || text.toLowerCase(Locale.ROOT).startsWith("good morning")) {
			return "Hello there! Nice to hear from you. How can I help you today?";
		}
		if (text.toLowerCase(Locale.ROOT).contains("thank")) {
			return "You're very welcome! Let me know if there is anything else I can do for you.";
		}
		List<String> keywords = keywords(text);
		String topic = keywords.isEmpty() ? "that" : String.join(" and ", keywords.subList(0, Math.min(2, keywords.size())));
		if (text.endsWith("?")) {
			return "Good question! You asked: \"" + abbreviate(text, 120) + "\" I'm running offline, so my brief "
					+ "answer is that I can't look up " + topic + " right now, but I'm happy to help you think it "
					+ "through step by step.";
		}
		return "Thanks for your message about " + topic + ". I read: \"" + abbreviate(text, 120)
				+ "\" I'm running offline, but I'm here to help. What would you like to do next?";
	}

	/**
	 * Build tool arguments from a JSON schema: every required property gets a value, taken
	 * from the user's message where the type allows it.
	 */
	static ObjectNode arguments(JsonNode schema, String message) {
		ObjectNode arguments = nodes.objectNode();
		List<String> keywords = keywords(oneLine(message));
		int index = 0;
		for (JsonNode required : schema.path("required")) {
			String name = required.asString("");
			arguments.set(name, value(schema.path("properties").path(name), name, message, keywords, index++));
		}
		return arguments;
	}

	private static JsonNode value(JsonNode schema, String name, String message, List<String> keywords, int index) {
		if (schema.has("const")) {
			return schema.path("const").deepCopy();
		}
		if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
			for (JsonNode option : schema.path("enum")) {
				if (option.isString() && containsWord(message, option.stringValue())) {
					return option.deepCopy();
				}
			}
			return schema.path("enum").get(0).deepCopy();
		}
		switch (type(schema)) {
			case "integer": {
				Matcher number = NUMBER.matcher(message);
				return number.find() ? nodes.numberNode((long) Double.parseDouble(number.group())) : nodes.numberNode(1);
			}
			case "number": {
				Matcher number = NUMBER.matcher(message);
				return number.find() ? nodes.numberNode(Double.parseDouble(number.group())) : nodes.numberNode(1.0);
			}
			case "boolean":
				return nodes.booleanNode(true);
			case "array": {
				ArrayNode array = nodes.arrayNode();
				array.add(value(schema.path("items"), name, message, keywords, index));
				return array;
			}
			case "object":
				return arguments(schema, message);
			default:
				return nodes.stringNode(text(name, message, keywords, index));
		}
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode option : type) {
				if (!"null".equals(option.asString(""))) {
					return option.asString("");
				}
			}
		}
		if (type.isString()) {
			return type.stringValue();
		}
		return schema.has("properties") ? "object" : "string";
	}

	private static String text(String name, String message, List<String> keywords, int index) {
		String whole = oneLine(message).replaceAll("[?!.]+$", "");
		String normalized = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
		if (FREE_TEXT_PROPERTIES.contains(normalized) || keywords.isEmpty()) {
			return whole.isEmpty() ? name : whole;
		}
		return keywords.get(index % keywords.size());
	}

	/**
	 * The message's content words, best first: names and numbers (a capitalized word that
	 * does not start the sentence, or a word with a digit), then the others, the later ones
	 * first, since a request's object usually comes at its end.
	 */
	static List<String> keywords(String message) {
		List<String> words = words(message);
		List<Keyword> keywords = new ArrayList<>();
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i).replaceAll("['’]s$", "");
			if (STOP_WORDS.contains(word.toLowerCase(Locale.ROOT)) || word.length() < 2 && !isNumber(word)) {
				continue;
			}
			boolean name = (i > 0 && Character.isUpperCase(word.charAt(0))) || word.chars().anyMatch(Character::isDigit);
			keywords.add(new Keyword(word, name ? 0 : 1, i));
		}
		keywords.sort(Comparator.comparingInt(Keyword::rank).thenComparing(Comparator.comparingInt(Keyword::position).reversed()));
		List<String> result = new ArrayList<>();
		for (Keyword keyword : keywords) {
			if (!result.contains(keyword.word())) {
				result.add(keyword.word());
			}
		}
		return result;
	}

	private static boolean isNumber(String word) {
		return NUMBER.matcher(word).matches();
	}

	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find()) {
			words.add(matcher.group());
		}
		return words;
	}

	private static boolean containsWord(String message, String word) {
		return words(message.toLowerCase(Locale.ROOT)).contains(word.toLowerCase(Locale.ROOT));
	}

	private static String oneLine(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1).stripTrailing() + "…";
	}

	private record Keyword(String word, int rank, int position) {

	}

}
