package com.runcascade.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link LlmEmulator}'s server behaviour, over plain HTTP.
 *
 * @author Cascade
 */
class LlmEmulatorTests {

	private static final String CHAT_REQUEST = """
			{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}""";

	private LlmEmulator emulator;

	@BeforeEach
	void start() {
		this.emulator = LlmEmulator.start();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void baseUrlsPointAtLoopback() {
		assertThat(this.emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + this.emulator.port());
		assertThat(this.emulator.anthropicBaseUrl()).isEqualTo(this.emulator.baseUrl());
		assertThat(this.emulator.openAiBaseUrl()).isEqualTo(this.emulator.baseUrl() + "/v1");
	}

	@Test
	void unknownPathGetsJsonNotFoundAndKeepsTheQueue() {
		this.emulator.enqueue(ScriptedReply.text("kept"));
		HttpResponse<String> response = RawSse.exchange(this.emulator.baseUrl() + "/v1/embeddings", "{}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("content-type")).contains("application/json");
		JsonNode body = RawSse.json(response.body());
		assertThat(body.path("error").path("type").asText()).isEqualTo("not_found_error");
		assertThat(body.path("error").path("message").asText()).contains("/v1/embeddings");
		assertThat(this.emulator.requests()).singleElement()
			.satisfies((request) -> assertThat(request.path()).isEqualTo("/v1/embeddings"));
		assertThat(RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions", CHAT_REQUEST).body())
			.contains("kept");
	}

	@Test
	void messagesThatAreNotAnArrayGetTheProvidersBadRequestOnBothApis() {
		String body = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":{\"role\":\"user\",\"content\":\"Hi\"}}";
		HttpResponse<String> anthropic = RawSse.exchange(this.emulator.baseUrl() + "/v1/messages", body);
		assertThat(anthropic.statusCode()).isEqualTo(400);
		assertThat(RawSse.json(anthropic.body()).path("error").path("type").asText())
			.isEqualTo("invalid_request_error");
		HttpResponse<String> openAi = RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions", body);
		assertThat(openAi.statusCode()).isEqualTo(400);
		assertThat(RawSse.json(openAi.body()).path("error").path("message").asText()).contains("messages");
	}

	@Test
	void bodyThatIsNotJsonGetsProviderError() {
		HttpResponse<String> response = RawSse.exchange(this.emulator.baseUrl() + "/v1/messages", "not json");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = RawSse.json(response.body());
		assertThat(body.path("type").asText()).isEqualTo("error");
		assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
		assertThat(this.emulator.lastRequest().json().isMissingNode()).isTrue();
		assertThat(this.emulator.lastRequest().body()).isEqualTo("not json");
	}

	@Test
	void repliesAreTakenInOrderWhateverTheEndpoint() {
		this.emulator.enqueue(ScriptedReply.text("first"), ScriptedReply.text("second"));
		assertThat(RawSse.exchange(this.emulator.openAiBaseUrl() + "/responses",
				"{\"model\":\"gpt-4.1\",\"input\":\"Hi\"}")
			.body()).contains("\"text\":\"first\"");
		assertThat(RawSse.exchange(this.emulator.baseUrl() + "/v1/messages",
				"{\"model\":\"claude\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
			.body()).contains("\"text\":\"second\"");
	}

	@Test
	void responsesCarryTheProviderRequestIdHeader() {
		assertThat(RawSse.exchange(this.emulator.baseUrl() + "/v1/messages",
				"{\"model\":\"claude\",\"max_tokens\":5,\"messages\":[]}")
			.headers()
			.firstValue("request-id")).hasValueSatisfying((id) -> assertThat(id).startsWith("req_"));
		assertThat(RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions", CHAT_REQUEST)
			.headers()
			.firstValue("x-request-id")).isPresent();
	}

	@Test
	void resetForgetsRequestsAndQueuedReplies() {
		this.emulator.enqueue(ScriptedReply.text("dropped"));
		RawSse.exchange(this.emulator.baseUrl() + "/nowhere", "");
		this.emulator.reset();
		assertThat(this.emulator.requests()).isEmpty();
		assertThatIllegalStateException().isThrownBy(this.emulator::lastRequest);
		assertThat(RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions", CHAT_REQUEST).body())
			.doesNotContain("dropped");
	}

	@Test
	void clientsLeavingMidStreamDoNotBreakTheServer() throws IOException {
		// More abandoned streams than the server has threads: each must free its thread.
		for (int i = 0; i < 12; i++) {
			this.emulator.enqueue(ScriptedReply.text("word ".repeat(200)).withChunkDelay(Duration.ofMillis(5)));
			try (Socket socket = new Socket("127.0.0.1", this.emulator.port())) {
				String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
				OutputStream out = socket.getOutputStream();
				out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: " + body.length() + "\r\n\r\n" + body)
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				assertThat(in.readNBytes(64)).hasSize(64);
			}
		}
		HttpResponse<String> response = RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions",
				CHAT_REQUEST);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void closeWithoutGraceEndsRunningStreamsPromptly() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("slow ".repeat(10)).withChunkDelay(Duration.ofSeconds(10)));
		CompletableFuture<HttpResponse<String>> stream = CompletableFuture
			.supplyAsync(() -> RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions",
					"{\"model\":\"m\",\"stream\":true,\"messages\":[]}"));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.emulator.requests().isEmpty());
		long start = System.nanoTime();
		this.emulator.close(Duration.ZERO);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(stream).failsWithin(5, TimeUnit.SECONDS);
	}

	@Test
	void closeLetsRequestsInFlightFinish() {
		this.emulator.enqueue(ScriptedReply.text("one two three four five").withChunkDelay(Duration.ofMillis(50)));
		CompletableFuture<HttpResponse<String>> stream = CompletableFuture
			.supplyAsync(() -> RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions",
					"{\"model\":\"m\",\"stream\":true,\"messages\":[]}"));
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.emulator.requests().isEmpty());
		this.emulator.close();
		assertThat(stream).succeedsWithin(Duration.ofSeconds(5)).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("five").contains("data: [DONE]");
		});
	}

	@Test
	void keepsOnlyTheLastRequestsWithLongBodiesCut() {
		for (int i = 0; i < LlmEmulator.MAX_RECORDED_REQUESTS + 5; i++) {
			RawSse.exchange(this.emulator.baseUrl() + "/nowhere/" + i, "{}");
		}
		List<RecordedRequest> requests = this.emulator.requests();
		assertThat(requests).hasSize(LlmEmulator.MAX_RECORDED_REQUESTS);
		assertThat(requests.get(0).path()).isEqualTo("/nowhere/5");
		assertThat(this.emulator.lastRequest().path()).isEqualTo("/nowhere/" + (LlmEmulator.MAX_RECORDED_REQUESTS + 4));
		String hugeRequest = chatRequest("x".repeat(1_000_000));
		assertThat(RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions", hugeRequest).statusCode())
			.isEqualTo(200);
		RecordedRequest huge = this.emulator.lastRequest();
		assertThat(huge.bodyLength()).isEqualTo(hugeRequest.length());
		assertThat(huge.body()).hasSize(RecordedRequest.MAX_BODY_CHARS).isEqualTo(hugeRequest.substring(0,
				RecordedRequest.MAX_BODY_CHARS));
		assertThat(huge.json().isMissingNode()).isTrue();
		assertThat(requests.get(1).json().isObject()).isTrue();
	}

	@Test
	void oneMegabyteWordIsAnsweredWithAShortReply() {
		HttpResponse<String> response = RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions",
				chatRequest("a".repeat(1_000_000)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).hasSizeLessThan(2_000).contains("Thanks for your message about aaaa");
	}

	@Test
	void oneMegabyteOfDistinctWordsIsAnswered() {
		StringBuilder words = new StringBuilder();
		for (int i = 0; words.length() < 1_000_000; i++) {
			words.append("word").append(i).append(' ');
		}
		HttpResponse<String> response = RawSse.exchange(this.emulator.openAiBaseUrl() + "/chat/completions",
				chatRequest(words.append("Lisbon?").toString()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).hasSizeLessThan(2_000).contains("Lisbon");
	}

	private static String chatRequest(String content) {
		return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

	@Test
	void serverThreadsAreDaemons() {
		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().startsWith("llm-emulator")
					|| thread.getName().equals("HTTP-Dispatcher"))
			.isNotEmpty()
			.allMatch(Thread::isDaemon);
	}

	@Test
	void toolCallArgumentsMustBeAJsonObject() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScriptedReply.toolCall("f", "[1]"));
		assertThatIllegalArgumentException().isThrownBy(() -> ScriptedReply.toolCall("f", "{oops"));
	}

	@Test
	void errorStatusMustBeAnErrorStatus() {
		assertThatIllegalArgumentException().isThrownBy(() -> ScriptedReply.error(200, "fine"));
		assertThatIllegalStateException().isThrownBy(() -> ScriptedReply.error(500, "boom").withText("text"));
	}

}
