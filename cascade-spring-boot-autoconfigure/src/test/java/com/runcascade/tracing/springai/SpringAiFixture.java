package com.runcascade.tracing.springai;

import com.runcascade.emulator.LlmEmulator;

import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.InMemoryTracing;

/**
 * An application as Spring Boot would configure it with Spring AI and the starter: the tracing of
 * {@link InMemoryTracing#contextRunner()} (its spans in the context's {@code InMemorySpanExporter}
 * bean), Micrometer observations and tracing, Spring AI's ChatClient and tool calling, Cascade's
 * Spring AI capture, and the Anthropic and OpenAI models pointed at the provider emulator. Add the
 * model's auto-configuration to choose the provider.
 */
public final class SpringAiFixture {

	private SpringAiFixture() {
	}

	public static ApplicationContextRunner contextRunner(LlmEmulator emulator) {
		return InMemoryTracing.contextRunner()
			.withConfiguration(AutoConfigurations.of(BootLine.OBSERVATION,
					BootLine.MICROMETER_TRACING, CascadeSpringAiAutoConfiguration.class,
					ToolCallingAutoConfiguration.class, ChatClientAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(SpringAiTestLine.MODEL_SUPPORT))
			.withPropertyValues("spring.ai.anthropic.base-url=" + emulator.anthropicBaseUrl(),
					"spring.ai.anthropic.api-key=test", SpringAiTestLine.noRetries("anthropic"),
					SpringAiTestLine.model("anthropic", "claude-sonnet-4-5"),
					"spring.ai.openai.base-url=" + SpringAiTestLine.openAiBaseUrl(emulator.openAiBaseUrl()), "spring.ai.openai.api-key=test",
					SpringAiTestLine.noRetries("openai"), SpringAiTestLine.model("openai", "gpt-4o-mini"));
	}

}
