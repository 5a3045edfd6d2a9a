package com.runcascade.emulator;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the OpenAI Responses protocol, driven by the official OpenAI Java SDK.
 *
 * @author Cascade
 */
class OpenAiResponsesTests {

	private LlmEmulator emulator;

	private OpenAIClient client;

	@BeforeEach
	void start() {
		this.emulator = LlmEmulator.start();
		this.client = OpenAIOkHttpClient.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.maxRetries(0)
			.responseValidation(true)
			.build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.emulator.close();
	}

	@Test
	void createReturnsScriptedTextWithUsage() {
		this.emulator.enqueue(ScriptedReply.text("Hello from the emulator").withUsage(50, 8).withCacheUsage(20, 4));
		Response response = this.client.responses().create(params("Hi"));
		assertThat(response.id()).startsWith("resp_");
		assertThat(response.status()).contains(ResponseStatus.COMPLETED);
		assertThat(response.model().asChat().asString()).isEqualTo("gpt-4.1");
		assertThat(response.output()).hasSize(1);
		assertThat(response.output().get(0).asMessage().content().get(0).asOutputText().text())
			.isEqualTo("Hello from the emulator");
		ResponseUsage usage = response.usage().orElseThrow();
		assertThat(usage.inputTokens()).isEqualTo(50);
		assertThat(usage.outputTokens()).isEqualTo(8);
		assertThat(usage.totalTokens()).isEqualTo(58);
		assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(20);
		assertThat(usage.outputTokensDetails().reasoningTokens()).isZero();
	}

	@Test
	void createReturnsFunctionCall() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
		Response response = this.client.responses().create(params("Weather in Paris?"));
		ResponseFunctionToolCall call = response.output().get(0).asFunctionCall();
		assertThat(call.name()).isEqualTo("get_weather");
		assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(call.callId()).startsWith("call_");
		assertThat(call.id()).hasValueSatisfying((id) -> assertThat(id).startsWith("fc_"));
	}

	@Test
	void createReportsIncompleteWhenMaxTokensReached() {
		this.emulator.enqueue(ScriptedReply.text("Cut").withMaxTokensReached().withoutUsage());
		Response response = this.client.responses().create(params("Long story"));
		assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
		assertThat(response.incompleteDetails().orElseThrow().reason())
			.contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
		assertThat(response.usage()).isEmpty();
	}

	@Test
	void createStreamingAccumulatesToTheScriptedResponse() {
		this.emulator.enqueue(ScriptedReply.text("One two three").withUsage(9, 3));
		ResponseAccumulator accumulator = ResponseAccumulator.create();
		List<ResponseStreamEvent> events;
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params("Count"))) {
			events = stream.stream().peek(accumulator::accumulate).toList();
		}
		assertThat(events.get(0).isCreated()).isTrue();
		assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
		String deltas = events.stream()
			.flatMap((event) -> event.outputTextDelta().stream())
			.map((delta) -> delta.delta())
			.collect(Collectors.joining());
		assertThat(deltas).isEqualTo("One two three");
		Response response = accumulator.response();
		assertThat(response.output().get(0).asMessage().content().get(0).asOutputText().text())
			.isEqualTo("One two three");
		assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(9);
		assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(3);
	}

	@Test
	void createStreamingSendsNamedNumberedEvents() {
		this.emulator.enqueue(ScriptedReply.text("Hi there"));
		List<String> lines = RawSse.post(this.emulator.openAiBaseUrl() + "/responses",
				"{\"model\":\"gpt-4.1\",\"stream\":true,\"input\":\"Hi\"}");
		assertThat(lines.stream().filter((line) -> line.startsWith("event: ")).map((line) -> line.substring(7)))
			.containsExactly("response.created", "response.in_progress", "response.output_item.added",
					"response.content_part.added", "response.output_text.delta", "response.output_text.delta",
					"response.output_text.done", "response.content_part.done", "response.output_item.done",
					"response.completed");
		List<JsonNode> data = lines.stream()
			.filter((line) -> line.startsWith("data: "))
			.map((line) -> RawSse.json(line.substring(6)))
			.toList();
		for (int i = 0; i < data.size(); i++) {
			assertThat(data.get(i).path("sequence_number").asInt()).isEqualTo(i);
		}
		assertThat(data.get(data.size() - 1).path("response").path("usage").path("total_tokens").asInt())
			.isPositive();
	}

	@Test
	void streamedFunctionCallAccumulates() {
		this.emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\",\"days\":3}"));
		ResponseAccumulator accumulator = ResponseAccumulator.create();
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses()
			.createStreaming(params("Weather?"))) {
			stream.stream().forEach(accumulator::accumulate);
		}
		ResponseFunctionToolCall call = accumulator.response().output().get(0).asFunctionCall();
		assertThat(call.name()).isEqualTo("get_weather");
		assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\",\"days\":3}");
	}

	@Test
	void serverErrorRaisesInternalServerException() {
		this.emulator.enqueue(ScriptedReply.error(500, "boom"));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.client.responses().create(params("Hi")))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("boom"));
	}

	@Test
	void cutOffStreamRaisesInTheClient() {
		this.emulator.enqueue(ScriptedReply.text("This stream will never finish").cutOffAfterEvents(4));
		try (StreamResponse<ResponseStreamEvent> stream = this.client.responses().createStreaming(params("Hi"))) {
			assertThatExceptionOfType(OpenAIIoException.class).isThrownBy(() -> stream.stream().toList());
		}
	}

	@Test
	void defaultChatbotCallsOfferedFunctionThenAnswersWithItsResult() {
		ResponseCreateParams first = params("Please look up the order 4711").toBuilder()
			.addTool(FunctionTool.builder()
				.name("find_order")
				.parameters(FunctionTool.Parameters.builder()
					.putAdditionalProperty("type", JsonValue.from("object"))
					.putAdditionalProperty("properties",
							JsonValue.from(Map.of("orderId", Map.of("type", "integer"))))
					.putAdditionalProperty("required", JsonValue.from(List.of("orderId")))
					.build())
				.strict(false)
				.build())
			.build();
		Response toolTurn = this.client.responses().create(first);
		ResponseFunctionToolCall call = toolTurn.output().get(0).asFunctionCall();
		assertThat(call.name()).isEqualTo("find_order");
		assertThat(call.arguments()).isEqualTo("{\"orderId\":4711}");
		ResponseCreateParams second = first.toBuilder()
			.inputOfResponse(List.of(
					ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
						.role(EasyInputMessage.Role.USER)
						.content("Please look up the order 4711")
						.build()),
					ResponseInputItem.ofFunctionCall(call),
					ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
						.callId(call.callId())
						.output("shipped yesterday")
						.build())))
			.build();
		Response answer = this.client.responses().create(second);
		assertThat(answer.output().get(0).asMessage().content().get(0).asOutputText().text()).contains("find_order")
			.contains("shipped yesterday");
	}

	private static ResponseCreateParams params(String input) {
		return ResponseCreateParams.builder().model("gpt-4.1").input(input).build();
	}

}
