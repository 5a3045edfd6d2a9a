package com.runcascade.tracing.sdk.openai;

import java.net.InetSocketAddress;
import java.net.Proxy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;

import com.runcascade.tracing.CoreTracing;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.TestPrices;

import static com.runcascade.tracing.CoreTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link OpenAiProviders}: which provider an OpenAI SDK client talks to. */
class OpenAiProvidersTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			https://api.openai.com/v1                                        | openai
			https://eu.api.openai.com/v1                                     | openai
			https://openrouter.ai/api/v1                                     | openrouter
			https://OpenRouter.AI./api/v1                                    | openrouter
			https://my-resource.openai.azure.com/openai/v1                   | azure
			https://my-resource.cognitiveservices.azure.com/openai/v1       | azure
			https://my-project.services.ai.azure.com/openai/v1               | azure
			https://api.groq.com/openai/v1                                   | groq
			https://api.deepseek.com/v1                                      | deepseek
			https://generativelanguage.googleapis.com/v1beta/openai          | gemini
			http://localhost:11434/v1                                        | localhost
			http://127.0.0.1:8080/v1                                         | 127.0.0.1
			http://[::1]:8080/v1                                             | ::1
			https://llm-gateway.internal.example.com/v1                     | llm-gateway.internal.example.com
			https://notopenrouter.ai/v1                                      | notopenrouter.ai
			not a url                                                        | openai
			""")
	void providerIsNamedAfterTheBaseUrlHost(String baseUrl, String provider) {
		assertThat(OpenAiProviders.fromBaseUrl(baseUrl)).isEqualTo(provider);
	}

	@Test
	void noBaseUrlMeansOpenAi() {
		assertThat(OpenAiProviders.fromBaseUrl(null)).isEqualTo("openai");
		assertThat(OpenAiProviders.fromBaseUrl(" ")).isEqualTo("openai");
	}

	@Test
	void providerIsReadFromTheClientOptions() {
		assertThat(providerOf(OpenAIOkHttpClient.builder().apiKey("k").build())).isEqualTo("openai");
		assertThat(providerOf(OpenAIOkHttpClient.builder().baseUrl("https://openrouter.ai/api/v1").apiKey("k").build()))
			.isEqualTo("openrouter");
		assertThat(providerOf(OpenAIOkHttpClient.builder()
			.baseUrl("https://my-resource.openai.azure.com/openai/v1")
			.apiKey("k")
			.build())).isEqualTo("azure");
	}

	@Test
	void openRouterCallsAreRecordedAsOpenRouter() {
		// The client believes it talks to openrouter.ai; an HTTP proxy setting sends it to the emulator.
		try (LlmEmulator emulator = LlmEmulator.start(); CoreTracing tracing = CoreTracing.start(TestPrices.PRICING)) {
			OpenAIClient raw = OpenAIOkHttpClient.builder()
				.baseUrl("http://openrouter.ai/v1")
				.proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", emulator.port())))
				.apiKey("sk-or-test")
				.maxRetries(0)
				.build();
			OpenAIClient client = OpenAiSdk.wrap(raw, tracing.llmTracing());
			emulator.enqueue(ScriptedReply.text("Routed"), ScriptedReply.text("Local"));
			client.chat().completions().create(OpenAiChatCompletionsTracingTests.params("Hi"));
			// A client derived with another base URL is recorded with its own provider.
			client.withOptions((options) -> options.baseUrl(emulator.openAiBaseUrl()))
				.chat()
				.completions()
				.create(OpenAiChatCompletionsTracingTests.params("Hi"));
			assertThat(tracing.llmSpans()).extracting((span) -> attributes(span).get("llm.provider"))
				.containsExactly("openrouter", "127.0.0.1");
			assertThat(attributes(tracing.llmSpans().get(0))).containsEntry("gen_ai.provider.name", "openrouter")
				.containsEntry("llm.completion", "Routed");
			raw.close();
		}
	}

	@Test
	void readingTheProviderLeavesTheClientUsable() {
		try (LlmEmulator emulator = LlmEmulator.start()) {
			OpenAIClient client = OpenAIOkHttpClient.builder()
				.baseUrl(emulator.openAiBaseUrl())
				.apiKey("k")
				.maxRetries(0)
				.build();
			assertThat(providerOf(client)).isEqualTo("127.0.0.1");
			emulator.enqueue(ScriptedReply.text("Still fine"));
			assertThat(client.chat().completions().create(OpenAiChatCompletionsTracingTests.params("Hi")).choices())
				.hasSize(1);
			client.close();
		}
	}

	private static String providerOf(OpenAIClient client) {
		return OpenAiProviders.of(client::withOptions).get();
	}

}
