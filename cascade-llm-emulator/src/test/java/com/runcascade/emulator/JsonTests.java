package com.runcascade.emulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Json}: where Jackson 2's defaults differ from Jackson 3's, the emulator still
 * reads and writes as it did on Jackson 3.
 *
 * @author Cascade
 */
class JsonTests {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private LlmEmulator emulator;

	@BeforeEach
	void startEmulator() {
		this.emulator = LlmEmulator.start();
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void bodyWithContentAfterTheObjectIsRejected() {
		HttpResponse<String> response = RawSse.exchange(this.emulator.baseUrl() + "/v1/messages",
				"{\"model\":\"m\",\"messages\":[]} trailing");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.emulator.lastRequest().json().isMissingNode()).isTrue();
	}

	@Test
	void bodyNestedDeeperThanJackson3AllowsIsRejected() {
		String nested = "[".repeat(600) + "]".repeat(600);
		HttpResponse<String> response = RawSse.exchange(this.emulator.baseUrl() + "/v1/messages",
				"{\"model\":\"m\",\"messages\":[],\"metadata\":" + nested + "}");
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void emojiInAJsonBodyIsSentAsUtf8() {
		this.emulator.enqueue(ScriptedReply.text("Hi \uD83D\uDE00"));
		HttpResponse<String> response = RawSse.exchange(this.emulator.baseUrl() + "/v1/messages",
				"{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
		assertThat(response.body()).contains("\"text\":\"Hi \uD83D\uDE00\"").doesNotContain("\\uD83D");
	}

	@Test
	void loneSurrogateIsEscapedAndPairsAreKept() {
		byte[] json = Json.writeBytes(nodes.textNode("a\uD800b\uDC00\uD83D\uDE00"));
		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("\"a\\uD800b\\uDC00\uD83D\uDE00\"");
	}

	@Test
	void containerHasNoTextAndPaddedTrueIsNotTrue() {
		assertThat(Json.text(nodes.objectNode().put("a", 1), "message")).isEqualTo("message");
		assertThat(Json.text(nodes.numberNode(5), "message")).isEqualTo("5");
		assertThat(Json.textOrNull(nodes.arrayNode())).isNull();
		assertThat(Json.isTrue(nodes.textNode(" true "))).isFalse();
		assertThat(Json.isTrue(nodes.textNode("true"))).isTrue();
		assertThat(Json.isTrue(nodes.numberNode(1))).isTrue();
	}

}
