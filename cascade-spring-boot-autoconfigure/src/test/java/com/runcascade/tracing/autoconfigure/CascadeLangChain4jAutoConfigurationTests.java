package com.runcascade.tracing.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.OtlpReceiver;
import com.runcascade.emulator.ScriptedReply;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.langchain4j.CascadeChatModelListener;
import com.runcascade.tracing.llm.LlmTracing;

import static com.runcascade.tracing.InMemoryTracing.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CascadeLangChain4jAutoConfiguration}: real LangChain4j models and AI services,
 * declared as beans, against the provider emulator.
 */
class CascadeLangChain4jAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner()
		.withConfiguration(AutoConfigurations.of(CascadeLangChain4jAutoConfiguration.class));

	private LlmEmulator emulator;

	@BeforeEach
	void setUp() {
		this.emulator = LlmEmulator.start();
	}

	@AfterEach
	void tearDown() {
		this.emulator.close();
	}

	@Test
	void configuresThePostProcessorAndTheAiServiceBinding() {
		this.contextRunner.run((context) -> assertThat(context).hasBean("cascadeLangChain4jModelPostProcessor")
			.hasSingleBean(LangChain4jAiServiceBinding.class));
	}

	@Test
	void chatModelBeanKeepsItsClassAndRecordsOneLlmSpanInTheRun() {
		this.contextRunner.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(Models.class)
			.run((context) -> {
				OpenAiChatModel model = context.getBean(OpenAiChatModel.class);
				assertThat(AopUtils.isCglibProxy(model)).isTrue();
				this.emulator.enqueue(ScriptedReply.text("Bonjour").withUsage(20, 5));
				try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("greet")) {
					assertThat(model.chat("Say hello")).isEqualTo("Bonjour");
				}
				List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
				SpanData run = spans.stream().filter((span) -> span.getName().equals("greet")).findFirst().orElseThrow();
				List<SpanData> llm = llmSpans(spans);
				assertThat(llm).hasSize(1);
				assertThat(llm.get(0).getParentSpanId()).isEqualTo(run.getSpanId());
				assertThat(attributes(llm.get(0))).containsEntry("llm.provider", "openai")
					.containsEntry("llm.streaming", false)
					.containsEntry("llm.input_tokens", 20L)
					.containsEntry("llm.completion", "Bonjour")
					.containsKey("llm.cost_usd");
				assertThat(attributes(run)).containsEntry("cascade.usage.llm_calls", 1L)
					.containsEntry("cascade.usage.total_tokens", 25L);
				// The model's own listener still runs, and the model's other methods reach it.
				assertThat(context.getBean(RecordingListener.class).requests).isEqualTo(1);
				assertThat(model.listeners()).hasSize(2);
				assertThat(model.provider()).isEqualTo(dev.langchain4j.model.ModelProvider.OPEN_AI);
			});
	}

	@Test
	void aModelBuiltByHandWithTheNoArgumentListenerRecordsWhileTheContextRunsAndStillAnswersAfter() {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.emulator.openAiBaseUrl())
			.apiKey("sk-test")
			.modelName("gpt-4o-mini")
			.listeners(List.of(CascadeChatModelListener.forChatModel()))
			.build();
		this.contextRunner.run((context) -> {
			this.emulator.enqueue(ScriptedReply.text("Hello by hand").withUsage(12, 4));
			try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("by-hand")) {
				assertThat(model.chat("Hi")).isEqualTo("Hello by hand");
			}
			List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
			List<SpanData> llm = llmSpans(spans);
			assertThat(llm).hasSize(1);
			assertThat(llm.get(0).getParentSpanId()).isEqualTo(named(spans, "by-hand").getSpanId());
			assertThat(attributes(llm.get(0))).containsEntry("llm.completion", "Hello by hand")
				.containsEntry("llm.input_tokens", 12L);
		});
		// The context has closed: nothing is bound, and the model answers untraced.
		this.emulator.enqueue(ScriptedReply.text("Still here"));
		assertThat(model.chat("Hi again")).isEqualTo("Still here");
	}

	@Test
	void streamingModelBeanRecordsItsStream() {
		this.contextRunner.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(Models.class)
			.run((context) -> {
				StreamingChatModel model = context.getBean(StreamingChatModel.class);
				this.emulator.enqueue(ScriptedReply.text("Streamed hello").withUsage(8, 3));
				CompletableFuture<ChatResponse> done = new CompletableFuture<>();
				try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("stream")) {
					model.chat("Hi", new StreamingChatResponseHandler() {
						@Override
						public void onPartialResponse(String partialResponse) {
						}

						@Override
						public void onCompleteResponse(ChatResponse completeResponse) {
							done.complete(completeResponse);
						}

						@Override
						public void onError(Throwable error) {
							done.completeExceptionally(error);
						}
					});
					done.get(10, TimeUnit.SECONDS);
				}
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				await().until(() -> llmSpans(exporter.getFinishedSpanItems()).size() == 1);
				assertThat(attributes(llmSpans(exporter.getFinishedSpanItems()).get(0)))
					.containsEntry("llm.streaming", true)
					.containsEntry("llm.completion", "Streamed hello")
					.containsEntry("llm.output_tokens", 3L)
					// The bean's proxy sees the chunks the listener does not.
					.containsKey("llm.time_to_first_token_ms");
			});
	}

	@Test
	void aiServiceWithAToolBeanRecordsTheAgentLlmCallsAndTool() {
		this.contextRunner.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(Models.class, AssistantConfiguration.class)
			.run((context) -> {
				this.emulator.enqueue(ScriptedReply.toolCall("lookupOrder", "{\"id\":\"A-7\"}").withUsage(30, 6),
						ScriptedReply.text("Order A-7 has shipped.").withUsage(50, 7));
				Assistant assistant = context.getBean(Assistant.class);
				try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("support")) {
					assertThat(assistant.chat("Where is order A-7?")).isEqualTo("Order A-7 has shipped.");
				}
				List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
				SpanData run = named(spans, "support");
				SpanData agent = named(spans, "Assistant");
				SpanData tool = named(spans, "lookupOrder");
				assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
				assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
				assertThat(attributes(tool)).containsEntry("tool.input", "{\"id\":\"A-7\"}")
					.containsEntry("tool.output", "A-7: shipped");
				assertThat(llmSpans(spans)).hasSize(2)
					.allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(agent.getSpanId()));
				assertThat(attributes(run)).containsEntry("cascade.usage.llm_calls", 2L)
					.containsEntry("cascade.usage.tool_calls", 1L)
					.containsEntry("cascade.usage.input_tokens", 80L);
			});
	}

	@Test
	void aiServiceWithAModelThatIsNotABeanRecordsItsLlmCallsWithTokensAndCost() {
		this.contextRunner.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(HandBuiltModelAssistantConfiguration.class)
			.run((context) -> {
				this.emulator.enqueue(ScriptedReply.toolCall("lookupOrder", "{\"id\":\"B-3\"}").withUsage(30, 6),
						ScriptedReply.text("Order B-3 has shipped.").withUsage(50, 7));
				Assistant assistant = context.getBean(Assistant.class);
				try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("support")) {
					assertThat(assistant.chat("Where is order B-3?")).isEqualTo("Order B-3 has shipped.");
				}
				List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
				SpanData run = named(spans, "support");
				SpanData agent = named(spans, "Assistant");
				SpanData tool = named(spans, "lookupOrder");
				List<SpanData> llm = llmSpans(spans).stream()
					.sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
					.toList();
				assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
				assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
				assertThat(llm).hasSize(2).allSatisfy((span) -> {
					assertThat(span.getParentSpanId()).isEqualTo(agent.getSpanId());
					assertThat(attributes(span)).containsEntry("llm.provider", "openai")
						.containsEntry("llm.model", "gpt-4o-mini")
						.containsKey("llm.cost_usd");
				});
				assertThat(attributes(llm.get(0))).containsEntry("llm.input_tokens", 30L);
				assertThat(attributes(llm.get(1))).containsEntry("llm.input_tokens", 50L)
					.containsEntry("llm.completion", "Order B-3 has shipped.");
				assertThat(tool.getStartEpochNanos()).isGreaterThanOrEqualTo(llm.get(0).getEndEpochNanos());
				assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(llm.get(1).getStartEpochNanos());
				assertThat(attributes(run)).containsEntry("cascade.usage.llm_calls", 2L)
					.containsEntry("cascade.usage.tool_calls", 1L)
					.containsEntry("cascade.usage.input_tokens", 80L)
					.containsKey("cascade.usage.cost_usd");
				assertThat(attributes(agent)).containsEntry("cascade.usage.llm_calls", 2L)
					.containsEntry("cascade.usage.total_tokens", 93L);
			});
	}

	@Test
	void aiServiceTraceReachesAnOtlpReceiverAsOneTraceWithTokensAndCost() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			this.contextRunner.withBean(LlmEmulator.class, () -> this.emulator)
				.withUserConfiguration(Models.class, AssistantConfiguration.class)
				.withPropertyValues("cascade.endpoint=" + receiver.endpoint("/v1/traces"),
						"cascade.export.schedule-delay=50ms")
				.run((context) -> {
					this.emulator.enqueue(ScriptedReply.toolCall("lookupOrder", "{\"id\":\"B-2\"}").withUsage(30, 6),
							ScriptedReply.text("Order B-2 has shipped.").withUsage(50, 7));
					try (CascadeScope run = context.getBean(CascadeTracer.class).traceRun("support")) {
						context.getBean(Assistant.class).chat("Where is order B-2?");
					}
					context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
					receiver.awaitSpans((spans) -> spans.size() >= 5);
					List<Span> spans = receiver.spans();
					Span run = OtlpReceiver.span(spans, "support");
					assertThat(spans).extracting(Span::getName)
						.containsExactlyInAnyOrder("support", "Assistant", "llm.gpt-4o-mini", "llm.gpt-4o-mini",
								"lookupOrder");
					assertThat(spans).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(run.getTraceId()));
					assertThat(OtlpReceiver.attribute(OtlpReceiver.span(spans, "lookupOrder").getAttributesList(),
							"cascade.span_type")).isEqualTo("tool");
					assertThat(run.getAttributesList().toString()).contains("cascade.usage.total_tokens")
						.contains("cascade.usage.cost_usd");
				});
		}
	}

	@Test
	void aModelGivenCascadesListenerByItsBuilderIsLeftAsItIs() {
		this.contextRunner.run((context) -> {
			OpenAiChatModel model = OpenAiChatModel.builder()
				.baseUrl(this.emulator.openAiBaseUrl())
				.apiKey("sk-test")
				.modelName("gpt-4o-mini")
				.listeners(List.of(CascadeChatModelListener.forChatModel(() -> context.getBean(LlmTracing.class))))
				.build();
			BeanPostProcessor postProcessor = context.getBean("cascadeLangChain4jModelPostProcessor",
					BeanPostProcessor.class);
			assertThat(postProcessor.postProcessAfterInitialization(model, "model")).isSameAs(model);
			Object traced = postProcessor.postProcessAfterInitialization(plainModel(), "other");
			assertThat(postProcessor.postProcessAfterInitialization(traced, "other")).isSameAs(traced);
			assertThat(postProcessor.postProcessAfterInitialization("not a model", "x")).isEqualTo("not a model");
			assertThat(postProcessor.postProcessAfterInitialization(plainModel(), "scopedTarget.model"))
				.isNotInstanceOf(org.springframework.aop.framework.Advised.class);
		});
	}

	@Test
	void aFinalModelClassIsTracedThroughItsInterfaces() {
		this.contextRunner.withBean("finalModel", ChatModel.class, FinalModel::new).run((context) -> {
			ChatModel model = context.getBean(ChatModel.class);
			assertThat(AopUtils.isJdkDynamicProxy(model)).isTrue();
			assertThat(model.chat("Hi")).isEqualTo("final answer");
			List<SpanData> llm = llmSpans(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems());
			assertThat(llm).singleElement()
				.satisfies((span) -> assertThat(attributes(span)).containsEntry("llm.completion", "final answer")
					.containsEntry("llm.model", "final-model"));
		});
	}

	@Test
	void doesNothingWhenSwitchedOff() {
		this.contextRunner.withPropertyValues("cascade.langchain4j.enabled=false")
			.withBean(LlmEmulator.class, () -> this.emulator)
			.withUserConfiguration(Models.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("cascadeLangChain4jModelPostProcessor")
					.doesNotHaveBean(LangChain4jAiServiceBinding.class);
				assertThat(AopUtils.isAopProxy(context.getBean(OpenAiChatModel.class))).isFalse();
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesThePostProcessor() {
		this.contextRunner.withBean("cascadeLangChain4jModelPostProcessor", BeanPostProcessor.class,
				() -> new BeanPostProcessor() {
				})
			.run((context) -> assertThat(context.getBean("cascadeLangChain4jModelPostProcessor"))
				.isNotInstanceOf(LangChain4jModelPostProcessor.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev.langchain4j", "dev.langchain4j.model.chat.listener.ChatModelListener" })
	void backsOffWithoutLangChain4j(String filtered) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(filtered))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(LlmTracing.class)
				.doesNotHaveBean("cascadeLangChain4jModelPostProcessor")
				.doesNotHaveBean(LangChain4jAiServiceBinding.class));
	}

	private OpenAiChatModel plainModel() {
		return OpenAiChatModel.builder().baseUrl(this.emulator.openAiBaseUrl()).apiKey("k").modelName("m").build();
	}

	private static List<SpanData> llmSpans(List<SpanData> spans) {
		return spans.stream().filter((span) -> "llm".equals(attributes(span).get("cascade.span_type"))).toList();
	}

	private static SpanData named(List<SpanData> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	static class Models {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

		@Bean
		OpenAiChatModel chatModel(LlmEmulator emulator, RecordingListener listener) {
			return OpenAiChatModel.builder()
				.baseUrl(emulator.openAiBaseUrl())
				.apiKey("sk-test")
				.modelName("gpt-4o-mini")
				.maxRetries(0)
				.listeners(List.of(listener))
				.build();
		}

		@Bean
		StreamingChatModel streamingChatModel(LlmEmulator emulator) {
			return OpenAiStreamingChatModel.builder()
				.baseUrl(emulator.openAiBaseUrl())
				.apiKey("sk-test")
				.modelName("gpt-4o-mini")
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AssistantConfiguration {

		@Bean
		OrderTools orderTools() {
			return new OrderTools();
		}

		@Bean
		Assistant assistant(ChatModel chatModel, OrderTools tools) {
			return AiServices.builder(Assistant.class).chatModel(chatModel).tools(tools).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandBuiltModelAssistantConfiguration {

		/** The model is built inside the method, as an application may do: it is no bean and has no listener. */
		@Bean
		Assistant assistant(LlmEmulator emulator) {
			return AiServices.builder(Assistant.class)
				.chatModel(OpenAiChatModel.builder()
					.baseUrl(emulator.openAiBaseUrl())
					.apiKey("sk-test")
					.modelName("gpt-4o-mini")
					.maxRetries(0)
					.build())
				.tools(new OrderTools())
				.build();
		}

	}

	interface Assistant {

		String chat(String message);

	}

	@Component
	static class OrderTools {

		@Tool("Status of an order")
		String lookupOrder(String id) {
			return id + ": shipped";
		}

	}

	static final class FinalModel implements ChatModel {

		@Override
		public ChatResponse doChat(dev.langchain4j.model.chat.request.ChatRequest chatRequest) {
			return ChatResponse.builder()
				.aiMessage(dev.langchain4j.data.message.AiMessage.from("final answer"))
				.modelName("final-model")
				.build();
		}

		@Override
		public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
			return dev.langchain4j.model.chat.request.ChatRequestParameters.builder().modelName("final-model").build();
		}

	}

	static class RecordingListener implements ChatModelListener {

		int requests;

		@Override
		public void onRequest(ChatModelRequestContext requestContext) {
			this.requests++;
		}

	}

}
