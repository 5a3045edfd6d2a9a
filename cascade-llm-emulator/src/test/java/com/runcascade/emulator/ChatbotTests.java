package com.runcascade.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.runcascade.emulator.Conversation.Tool;
import com.runcascade.emulator.Conversation.ToolResult;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Chatbot}, the reply used when nothing is scripted.
 *
 * @author Cascade
 */
class ChatbotTests {

	private static final Tool WEATHER = new Tool("get_weather",
			schema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));

	private static final Tool TIME = new Tool("get_time",
			schema("{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}},\"required\":[\"zone\"]}"));

	@Test
	void greetingIsGreetedBack() {
		assertThat(Chatbot.reply(conversation("Hello!")).text()).startsWith("Hello there!");
	}

	@Test
	void thanksAreAcknowledged() {
		assertThat(Chatbot.reply(conversation("Great, thank you")).text()).startsWith("You're very welcome!");
	}

	@Test
	void questionIsQuotedAndAnsweredBriefly() {
		String text = Chatbot.reply(conversation("How tall is the Eiffel Tower?")).text();
		assertThat(text).startsWith("Good question!")
			.contains("\"How tall is the Eiffel Tower?\"")
			.contains("look up Eiffel Tower");
	}

	@Test
	void statementIsAcknowledgedByTopic() {
		assertThat(Chatbot.reply(conversation("I am planning a trip to Lisbon")).text())
			.startsWith("Thanks for your message about trip and Lisbon.");
	}

	@Test
	void emptyConversationGetsAWelcome() {
		assertThat(Chatbot.reply(conversation("")).text()).startsWith("Hello!");
	}

	@Test
	void repliesAreDeterministic() {
		assertThat(Chatbot.reply(conversation("Tell me about Rome?")).text())
			.isEqualTo(Chatbot.reply(conversation("Tell me about Rome?")).text());
	}

	@Test
	void offeredToolIsCalledWithKeywordFromTheMessage() {
		ScriptedReply reply = Chatbot.reply(withTools("What's the weather in Paris?", null, false, WEATHER, TIME));
		assertThat(reply.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_weather");
			assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
		});
	}

	@Test
	void toolNamedByToolChoiceIsCalled() {
		ScriptedReply reply = Chatbot.reply(withTools("What time is it in Tokyo?", "get_time", false, WEATHER, TIME));
		assertThat(reply.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_time");
			assertThat(call.arguments()).isEqualTo("{\"zone\":\"Tokyo\"}");
		});
	}

	@Test
	void toolTheMessageNamesIsCalledWhicheverComesFirst() {
		ScriptedReply reply = Chatbot.reply(withTools("Use GET_TIME for Tokyo, not get_weather", null, false, WEATHER,
				TIME));
		assertThat(reply.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("get_time");
			assertThat(call.arguments()).isEqualTo("{\"zone\":\"Tokyo\"}");
		});
	}

	@Test
	void toolTheMessageNamesIsNoArgument() {
		Tool clock = new Tool("GetTime", TIME.schema());
		ScriptedReply reply = Chatbot.reply(withTools("Use GetTime for tokyo", null, false, WEATHER, clock));
		assertThat(reply.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.name()).isEqualTo("GetTime");
			assertThat(call.arguments()).isEqualTo("{\"zone\":\"tokyo\"}");
		});
	}

	@Test
	void toolNameInsideALongerWordIsNotANaming() {
		ScriptedReply reply = Chatbot.reply(withTools("Is get_time_zone right for Tokyo?", null, false, WEATHER, TIME));
		assertThat(reply.toolCalls()).singleElement().satisfies((call) -> assertThat(call.name()).isEqualTo("get_weather"));
	}

	@Test
	void toolChoiceWinsOverTheToolTheMessageNames() {
		ScriptedReply reply = Chatbot.reply(withTools("Use get_time for Paris", "get_weather", false, WEATHER, TIME));
		assertThat(reply.toolCalls()).singleElement().satisfies((call) -> assertThat(call.name()).isEqualTo("get_weather"));
	}

	@Test
	void toolChoiceNoneAnswersInText() {
		ScriptedReply reply = Chatbot.reply(withTools("What's the weather in Paris?", null, true, WEATHER));
		assertThat(reply.toolCalls()).isEmpty();
		assertThat(reply.text()).startsWith("Good question!");
	}

	@Test
	void toolResultIsAnsweredInText() {
		Conversation conversation = new Conversation("What's the weather in Paris?",
				new ToolResult("get_weather", "{\"temperature\": 18, \"sky\": \"sunny\"}"), List.of(WEATHER), null,
				false, 100);
		ScriptedReply reply = Chatbot.reply(conversation);
		assertThat(reply.toolCalls()).isEmpty();
		assertThat(reply.text()).isEqualTo("I checked with get_weather and got: {\"temperature\": 18, \"sky\": "
				+ "\"sunny\"}. That should answer \"What's the weather in Paris?\". Is there anything else I can "
				+ "help you with?");
	}

	@Test
	void argumentsFollowTheSchemaTypes() {
		JsonNode schema = schema("""
				{"type": "object",
				 "properties": {
				   "query": {"type": "string"},
				   "count": {"type": "integer"},
				   "budget": {"type": ["number", "null"]},
				   "vegetarian": {"type": "boolean"},
				   "cuisine": {"type": "string", "enum": ["french", "italian", "thai"]},
				   "tags": {"type": "array", "items": {"type": "string"}},
				   "place": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
				   "optional": {"type": "string"}
				 },
				 "required": ["query", "count", "budget", "vegetarian", "cuisine", "place", "tags"]}
				""");
		String message = "Find 2 italian restaurants in Milan under 40.5 euros?";
		assertThat(Chatbot.arguments(schema, message).toString())
			.isEqualTo("{\"query\":\"Find 2 italian restaurants in Milan under 40.5 euros\",\"count\":2,"
					+ "\"budget\":40.5,\"vegetarian\":true,\"cuisine\":\"italian\",\"place\":{\"city\":\"Milan\"},"
					+ "\"tags\":[\"40.5\"]}");
	}

	@Test
	void keywordsPreferNamesAndNumbersThenLaterWords() {
		assertThat(Chatbot.keywords("Book a table at Luigi's for 4 people tonight"))
			.containsExactly("Luigi", "4", "tonight", "people", "table", "Book");
	}

	private static Conversation conversation(String message) {
		return new Conversation(message, null, List.of(), null, false, message.length());
	}

	private static Conversation withTools(String message, @Nullable String forcedTool, boolean disabled,
			Tool... tools) {
		return new Conversation(message, null, List.of(tools), forcedTool, disabled, message.length());
	}

	private static JsonNode schema(String json) {
		return RawSse.json(json);
	}

}
