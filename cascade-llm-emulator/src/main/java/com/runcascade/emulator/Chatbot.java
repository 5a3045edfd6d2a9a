package com.runcascade.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.runcascade.emulator.Conversation.Tool;
import com.runcascade.emulator.Conversation.ToolResult;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic reply used when no {@link ScriptedReply} is queued. See
 * {@link LlmEmulator} for the rules.
 *
 * @author Cascade
 */
final class Chatbot {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	/** Longest keyword quoted in a reply's topic, so a huge message gets a short reply. */
	private static final int MAX_TOPIC_WORD = 40;

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

	private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "hiya", "howdy", "greetings",
			"bonjour", "hola", "hallo");

	// Properties that want the whole request, not a keyword taken from it.
	private static final Set<String> FREE_TEXT_PROPERTIES = Set.of("query", "q", "question", "text", "input",
			"prompt", "message", "search", "searchquery", "searchterm", "request", "content");

	private static final Set<String> STOP_WORDS = Set.of(
			"a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "can", "check", "could", "current",
			"do", "does", "find", "for", "from", "get", "give", "have", "how", "i", "i'm", "in", "is", "it", "it's",
			"its", "know", "let", "let's", "like", "look", "me", "my", "need", "now", "of", "on", "or", "please",
			"show", "some", "tell", "thank", "thanks", "that", "the", "there", "there's", "this", "to", "today",
			"up", "us", "want", "was", "we", "what", "what's", "whats", "when", "where", "which", "who", "why",
			"will", "with", "would", "you", "your");

	private Chatbot() {
	}

	static ScriptedReply reply(Conversation conversation) {
		ToolResult toolResult = conversation.toolResult();
		if (toolResult != null) {
			return ScriptedReply.text(afterTool(toolResult, conversation.lastUserText()));
		}
		Tool tool = toolToCall(conversation);
		if (tool != null) {
			String arguments = new Filler(conversation.lastUserText(), tool.name()).object(tool.schema()).toString();
			return ScriptedReply.toolCall(tool.name(), arguments);
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
		Tool named = namedTool(conversation.tools(), conversation.lastUserText());
		return (named != null) ? named : conversation.tools().get(0);
	}

	/**
	 * The tool whose name the message uses as a word (case aside), the earliest in the message:
	 * frameworks offer a class's tools in reflection order, which varies between runs, so a
	 * test names the tool it wants rather than relying on the first one offered.
	 */
	private static @Nullable Tool namedTool(List<Tool> tools, String message) {
		for (String word : words(message)) {
			for (Tool tool : tools) {
				if (tool.name().equalsIgnoreCase(word)) {
					return tool;
				}
			}
		}
		return null;
	}

	private static String afterTool(ToolResult result, String question) {
		String content = abbreviate(result.content().strip().replaceAll("\\s+", " "), 200);
		if (content.isEmpty()) {
			content = "nothing";
		}
		String answer = "I checked with " + result.toolName() + " and got: " + content
				+ (withoutEndPunctuation(content).length() < content.length() ? "" : ".");
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
		String topic = topic(text);
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
		return new Filler(message, null).object(schema);
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode option : type) {
				if (!"null".equals(Json.text(option, ""))) {
					return Json.text(option, "");
				}
			}
		}
		if (type.isTextual()) {
			return type.textValue();
		}
		return schema.has("properties") ? "object" : "string";
	}

	/**
	 * The message's content words, best first: names (capitalized words that do not start
	 * the message), then numbers, then the other words; the later ones first within each
	 * group, since a request's object usually comes at its end.
	 */
	static List<String> keywords(String message) {
		return ranked(message).stream().map(Keyword::word).toList();
	}

	private static List<Keyword> ranked(String message) {
		List<String> words = words(message);
		List<Keyword> keywords = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < words.size(); i++) {
			String word = withoutPossessive(words.get(i));
			boolean number = isNumber(word);
			if (STOP_WORDS.contains(word.toLowerCase(Locale.ROOT)) || (word.length() < 2 && !number)
					|| !seen.add(word)) {
				continue;
			}
			int rank = (i > 0 && Character.isUpperCase(word.charAt(0))) ? 0 : (number ? 1 : 2);
			keywords.add(new Keyword(word, rank, i));
		}
		keywords.sort(Comparator.comparingInt(Keyword::rank)
			.thenComparing(Comparator.comparingInt(Keyword::position).reversed()));
		return keywords;
	}

	/**
	 * The two best keywords in the message's order, such as "Eiffel Tower" or "trip and
	 * Lisbon".
	 */
	private static String topic(String message) {
		List<Keyword> ranked = ranked(message);
		if (ranked.isEmpty()) {
			return "that";
		}
		List<Keyword> best = new ArrayList<>(ranked.subList(0, Math.min(2, ranked.size())));
		best.sort(Comparator.comparingInt(Keyword::position));
		if (best.size() == 1) {
			return abbreviate(best.get(0).word(), MAX_TOPIC_WORD);
		}
		String separator = (best.get(1).position() == best.get(0).position() + 1) ? " " : " and ";
		return abbreviate(best.get(0).word(), MAX_TOPIC_WORD) + separator
				+ abbreviate(best.get(1).word(), MAX_TOPIC_WORD);
	}

	private static boolean isNumber(String word) {
		return NUMBER.matcher(word).matches();
	}

	/**
	 * The words of a text: runs of letters and digits that keep inner apostrophes, dashes,
	 * underscores and decimal points ("Luigi's", "e-mail", "40.5"). Scanned by hand: a regex with
	 * a repeated alternation recurses per character and overflows the stack on a long word.
	 */
	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		int length = text.length();
		int i = 0;
		while (i < length) {
			int c = text.codePointAt(i);
			if (!isLetterOrNumber(c)) {
				i += Character.charCount(c);
				continue;
			}
			int start = i;
			i += Character.charCount(c);
			while (i < length) {
				int next = text.codePointAt(i);
				if (isLetterOrNumber(next) || next == '\'' || next == '’' || next == '_' || next == '-') {
					i += Character.charCount(next);
				}
				else if (next == '.' && i + 1 < length && isNumeral(text.codePointAt(i + 1))) {
					i++;
				}
				else {
					break;
				}
			}
			words.add(text.substring(start, i));
		}
		return words;
	}

	/** Like the regex classes \p{L} and \p{N}. */
	private static boolean isLetterOrNumber(int codePoint) {
		return Character.isLetter(codePoint) || isNumeral(codePoint);
	}

	/** Like the regex class \p{N}. */
	private static boolean isNumeral(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
				|| type == Character.OTHER_NUMBER;
	}

	private static String withoutPossessive(String word) {
		return (word.endsWith("'s") || word.endsWith("’s")) ? word.substring(0, word.length() - 2) : word;
	}

	/** The text without its trailing {@code ?}, {@code !} and {@code .}. */
	private static String withoutEndPunctuation(String text) {
		int end = text.length();
		while (end > 0 && "?!.".indexOf(text.charAt(end - 1)) >= 0) {
			end--;
		}
		return text.substring(0, end);
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

	/**
	 * Fills a schema's required properties from one message: string properties take the
	 * keywords in turn, numeric properties the message's numbers in turn.
	 */
	private static final class Filler {

		private final String message;

		private final List<String> keywords;

		private final List<String> numbers = new ArrayList<>();

		private int nextKeyword;

		private int nextNumber;

		/** The tool's name is no keyword: "Use GetTime for Tokyo" asks for Tokyo's time, not GetTime's. */
		Filler(String message, @Nullable String toolName) {
			this.message = oneLine(message);
			this.keywords = keywords(this.message).stream().filter((word) -> !word.equalsIgnoreCase(toolName)).toList();
			for (String word : words(this.message)) {
				if (isNumber(word)) {
					this.numbers.add(word);
				}
			}
		}

		ObjectNode object(JsonNode schema) {
			ObjectNode object = nodes.objectNode();
			for (JsonNode required : schema.path("required")) {
				String name = Json.text(required, "");
				object.set(name, value(schema.path("properties").path(name), name));
			}
			return object;
		}

		private JsonNode value(JsonNode schema, String name) {
			if (schema.has("const")) {
				return schema.path("const").deepCopy();
			}
			if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
				for (JsonNode option : schema.path("enum")) {
					if (option.isTextual() && containsWord(this.message, option.textValue())) {
						return option.deepCopy();
					}
				}
				return schema.path("enum").get(0).deepCopy();
			}
			return switch (type(schema)) {
				case "integer" -> nodes.numberNode((long) Double.parseDouble(nextNumber("1")));
				case "number" -> nodes.numberNode(Double.parseDouble(nextNumber("1")));
				case "boolean" -> nodes.booleanNode(true);
				case "array" -> nodes.arrayNode().add(value(schema.path("items"), name));
				case "object" -> object(schema);
				default -> nodes.textNode(text(name));
			};
		}

		private String nextNumber(String fallback) {
			return (this.nextNumber < this.numbers.size()) ? this.numbers.get(this.nextNumber++) : fallback;
		}

		private String text(String name) {
			String whole = withoutEndPunctuation(this.message);
			String normalized = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
			if (FREE_TEXT_PROPERTIES.contains(normalized) || this.keywords.isEmpty()) {
				return whole.isEmpty() ? name : whole;
			}
			return this.keywords.get(this.nextKeyword++ % this.keywords.size());
		}

	}

	private record Keyword(String word, int rank, int position) {

	}

}
