package com.runcascade.tracing.springai;

import java.time.Duration;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.chat.observation.autoconfigure.ChatObservationAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.autoconfigure.CascadeLlmClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code gen_ai.client.token.usage} counts each token once when Spring AI meters its model requests
 * too (its counter and Cascade's distribution summary share the name), while Cascade keeps
 * {@code cascade.llm.cost}.
 */
class SpringAiTokenMetricsTests {

	private static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	private static final String TOKEN_TYPE = "gen_ai.token.type";

	private final LlmEmulator emulator = LlmEmulator.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BootLine.OPEN_TELEMETRY_SDK,
				BootLine.OBSERVATION, CascadeAutoConfiguration.class, CascadeLlmAutoConfiguration.class,
				CascadeSpringAiAutoConfiguration.class, ChatObservationAutoConfiguration.class,
				ToolCallingAutoConfiguration.class, ChatClientAutoConfiguration.class,
				AnthropicChatAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(SpringAiTestLine.MODEL_SUPPORT))
		.withBean(SimpleMeterRegistry.class)
		.withBean(ModelPricing.class, () -> (provider, model) -> new ModelPricing.Price(3.0, 15.0, 0.3, 3.75))
		.withPropertyValues("spring.ai.anthropic.base-url=" + this.emulator.anthropicBaseUrl(),
				"spring.ai.anthropic.api-key=test", SpringAiTestLine.noRetries("anthropic"),
				SpringAiTestLine.model("anthropic", "claude-sonnet-4-5"));

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void chatClientCallWithTracingCountsItsInputTokensOnce() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(BootLine.OPEN_TELEMETRY_TRACING,
					BootLine.MICROMETER_TRACING))
			.run((context) -> {
				this.emulator.enqueue(ScriptedReply.text("Hello.").withUsage(30, 7));
				inRun(context, () -> chatClient(context).prompt().user("Hi").call().content());
				assertCountedOnce(context.getBean(MeterRegistry.class), 30, 7);
			});
	}

	@Test
	void chatClientStreamCountsItsTokensOnce() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(BootLine.OPEN_TELEMETRY_TRACING,
					BootLine.MICROMETER_TRACING))
			.run((context) -> {
				this.emulator.enqueue(ScriptedReply.text("A streamed answer").withUsage(30, 7));
				inRun(context, () -> chatClient(context).prompt().user("Stream").stream().content().blockLast());
				// Spring AI stops a stream's model observation in doFinally, so its meter handler may record
				// the tokens just after blockLast() has returned (on Boot 4.0.7's Reactor it mostly does).
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertCountedOnce(context.getBean(MeterRegistry.class), 30, 7));
			});
	}

	@Test
	void withoutMicrometerTracingSpringAiAloneCountsTheTokens() {
		// Cascade's Spring AI capture needs Micrometer Tracing (the starter brings it): without it
		// Cascade records no LLM span, and so no LLM metric, for Spring AI's requests.
		this.contextRunner.run((context) -> {
			this.emulator.enqueue(ScriptedReply.text("Hello.").withUsage(30, 7));
			inRun(context, () -> chatClient(context).prompt().user("Hi").call().content());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(tokens(registry, "input")).isEqualTo(30);
			assertThat(tokens(registry, "output")).isEqualTo(7);
			assertThat(registry.find("cascade.llm.cost").counter()).isNull();
		});
	}

	@Test
	void sdkCallOutsideSpringAiIsCountedByCascade() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(CascadeLlmClientAutoConfiguration.class)).run((context) -> {
			this.emulator.enqueue(ScriptedReply.text("Hello.").withUsage(30, 7));
			AnthropicClient client = context.getBean(CascadeTracer.class).wrapLlmClient(AnthropicOkHttpClient.builder()
				.baseUrl(this.emulator.anthropicBaseUrl())
				.apiKey("test")
				.maxRetries(0)
				.build());
			inRun(context, () -> client.messages()
				.create(MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(64).addUserMessage("Hi").build()));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(tokens(registry, "input")).isEqualTo(30);
			assertThat(tokens(registry, "output")).isEqualTo(7);
			assertThat(registry.find(TOKEN_USAGE).meters()).allMatch(DistributionSummary.class::isInstance);
			assertThat(registry.get("cascade.llm.cost").counter().count()).isPositive();
		});
	}

	/** Spring AI's counter holds the tokens; Cascade's summary adds none; the cost is Cascade's. */
	private void assertCountedOnce(MeterRegistry registry, long input, long output) {
		assertThat(this.emulator.requests()).hasSize(1);
		assertThat(tokens(registry, "input")).isEqualTo(input);
		assertThat(tokens(registry, "output")).isEqualTo(output);
		assertThat(registry.find(TOKEN_USAGE).meters()).isNotEmpty().allMatch(Counter.class::isInstance);
		assertThat(registry.get("cascade.llm.cost").counter().count())
			.isEqualTo((input * 3.0 + output * 15.0) / 1_000_000);
	}

	/** The sum over every meter of the name and token type, whoever registered it. */
	private static double tokens(MeterRegistry registry, String type) {
		double sum = 0;
		for (Meter meter : registry.find(TOKEN_USAGE).tag(TOKEN_TYPE, type).meters()) {
			if (meter instanceof Counter counter) {
				sum += counter.count();
			}
			else if (meter instanceof DistributionSummary summary) {
				sum += summary.totalAmount();
			}
		}
		return sum;
	}

	private static ChatClient chatClient(AssertableApplicationContext context) {
		return context.getBean(ChatClient.Builder.class).build();
	}

	private static void inRun(AssertableApplicationContext context, Runnable body) {
		try (CascadeScope scope = context.getBean(CascadeTracer.class).traceRun("run")) {
			body.run();
		}
	}

}
