package com.runcascade.tracing.springai;

import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.runcascade.tracing.autoconfigure.CascadeProperties;
import com.runcascade.tracing.autoconfigure.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.autoconfigure.ReactorContextPropagationConfiguration;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * Auto-configuration of the Spring AI integration: LLM and tool spans from Spring AI's chat model
 * and tool calling observations, for every chat model and every tool, and the
 * {@link CascadeChatClientAdvisor} on every {@code ChatClient} built from the auto-configured
 * {@code ChatClient.Builder}.
 *
 * <p>
 * Spring AI runs streamed tool loops and some advisors on Reactor's bounded elastic threads; with
 * Reactor's automatic context propagation ({@link ReactorContextPropagationConfiguration}) the
 * Cascade context follows there, so HTTP client spans and tool code stay in the run's trace.
 *
 * <p>
 * Spring AI's {@code ChatClientAutoConfiguration} looks the {@link ChatClientCustomizer} beans up
 * when it first builds a {@code ChatClient.Builder}, so no ordering against it is needed.
 */
@AutoConfiguration(after = CascadeLlmAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnClass(ChatModelObservationContext.class)
@ConditionalOnBean(LlmTracing.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cascade.spring-ai.enabled", matchIfMissing = true)
@Import(ReactorContextPropagationConfiguration.class)
public final class CascadeSpringAiAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TracingObservationHandler.class, OtelSpan.class })
	@ConditionalOnBean(Tracer.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpringAiObservationHandler cascadeSpringAiObservationHandler(LlmTracing llmTracing,
				CascadeInstrumentation instrumentation, Tracer micrometerTracer, CascadeProperties properties,
				ObjectProvider<ChatModelMeterObservationHandler> springAiMeters,
				ObjectProvider<MeterObservationHandler<?>> meterHandlers) {
			// Spring AI's meter handler counts gen_ai.client.token.usage for each request it observes, and
			// Boot's times every observation (gen_ai.client.operation for each request).
			SpringAiSpans spans = new SpringAiSpans(llmTracing, instrumentation.otelTracer(),
					instrumentation.contentFormatter(), () -> springAiMeters.getIfAvailable() != null,
					() -> meterHandlers.stream().findAny().isPresent());
			return new SpringAiObservationHandler(spans, micrometerTracer, properties.getSpringAi().isFrameworkSpans());
		}

		/**
		 * Lets tool spans show the tool's exception that Spring AI hands back to the model; and where
		 * chat models run the tool loop themselves (Spring AI 1.1), lets each streamed round trip's
		 * LLM span end with the response that asks for tools.
		 */
		@Bean
		static BeanPostProcessor cascadeToolFailureRecorder() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof ToolExecutionExceptionProcessor processor
							&& !(bean instanceof ToolFailureRecorder)) {
						return new ToolFailureRecorder(processor);
					}
					if (SpringAiLine.MODEL_RUNS_TOOL_LOOP && bean instanceof ToolCallingManager manager
							&& !(bean instanceof ToolRoundRecorder)) {
						return new ToolRoundRecorder(manager);
					}
					return bean;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatClient.class)
	@ConditionalOnBooleanProperty(name = "cascade.spring-ai.advisor.enabled", matchIfMissing = true)
	static class AdvisorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CascadeChatClientAdvisor cascadeChatClientAdvisor() {
			return new CascadeChatClientAdvisor();
		}

		/**
		 * Adds Cascade's advisor and, when Spring AI's observations are traced, the one that traces
		 * tools no observation covers (a tool calling manager without an observation registry).
		 */
		@Bean
		@ConditionalOnMissingBean(name = "cascadeChatClientCustomizer")
		ChatClientCustomizer cascadeChatClientCustomizer(CascadeChatClientAdvisor cascadeChatClientAdvisor,
				ObjectProvider<SpringAiObservationHandler> observationHandler) {
			SpringAiObservationHandler handler = observationHandler.getIfAvailable();
			if (handler == null) {
				return (builder) -> builder.defaultAdvisors(cascadeChatClientAdvisor);
			}
			CascadeToolTracingAdvisor toolTracing = new CascadeToolTracingAdvisor(handler.spans());
			return (builder) -> builder.defaultAdvisors(toolTracing, cascadeChatClientAdvisor);
		}

	}

}
