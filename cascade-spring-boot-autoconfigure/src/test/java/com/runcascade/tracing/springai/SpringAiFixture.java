package com.runcascade.tracing.springai;

import com.runcascade.emulator.LlmEmulator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.runcascade.tracing.aspect.CascadeAspectsAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.llm.CascadeLlmAutoConfiguration;

/**
 * An application as Spring Boot would configure it with Spring AI and the starter: Boot's
 * OpenTelemetry SDK, observations and tracing, Spring AI's ChatClient and tool calling, Cascade, and
 * the Anthropic and OpenAI models pointed at the provider emulator. Add the model's
 * auto-configuration to choose the provider.
 */
final class SpringAiFixture {

	private SpringAiFixture() {
	}

	static ApplicationContextRunner contextRunner(LlmEmulator emulator, InMemorySpanExporter exporter) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
					OpenTelemetryTracingAutoConfiguration.class, ObservationAutoConfiguration.class,
					MicrometerTracingAutoConfiguration.class, AopAutoConfiguration.class, CascadeAutoConfiguration.class,
					CascadeLlmAutoConfiguration.class, CascadeAspectsAutoConfiguration.class,
					CascadeSpringAiAutoConfiguration.class, ToolCallingAutoConfiguration.class,
					ChatClientAutoConfiguration.class))
			.withBean("testSpanProcessor", SpanProcessor.class, () -> SimpleSpanProcessor.create(exporter))
			.withPropertyValues("spring.ai.anthropic.base-url=" + emulator.anthropicBaseUrl(),
					"spring.ai.anthropic.api-key=test", "spring.ai.anthropic.max-retries=0",
					"spring.ai.anthropic.chat.model=claude-sonnet-4-5", "spring.ai.openai.base-url=" + emulator.openAiBaseUrl(),
					"spring.ai.openai.api-key=test", "spring.ai.openai.max-retries=0",
					"spring.ai.openai.chat.model=gpt-4o-mini");
	}

}
