package com.runcascade.sample;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with its executor switched to a thinking model of the built-in emulator: the
 * executor's LLM span shows the model's reasoning apart from its answer.
 */
@SpringBootTest(properties = { "sample.executor.model=claude-sonnet-4-thinking", "cascade.console.enabled=false" })
@Import(ThinkingExecutorTests.Exporter.class)
class ThinkingExecutorTests {

	private static final AttributeKey<String> MODEL = AttributeKey.stringKey("llm.model");

	@Autowired
	private ChatService chat;

	@Autowired
	private Exporter.FinishedSpans finished;

	@Test
	void executorOnAThinkingModelShowsItsReasoning() throws Exception {
		ChatService.Reply reply = this.chat.chat("thinking-session", "Find me flights to Tokyo");
		assertThat(reply.reply()).isNotBlank();
		List<SpanData> executorCalls = this.finished.spans().getFinishedSpanItems()
			.stream()
			.filter((span) -> "claude-sonnet-4-thinking".equals(span.getAttributes().get(MODEL)))
			.toList();
		assertThat(executorCalls).singleElement().satisfies((llm) -> {
			assertThat(llm.getAttributes().get(AttributeKey.stringKey("cascade.agent_name"))).isEqualTo("ExecutorAgent");
			assertThat(llm.getAttributes().get(AttributeKey.stringKey("llm.reasoning"))).contains("Find me flights to Tokyo");
			assertThat(llm.getAttributes().get(AttributeKey.stringKey("llm.completion")))
				.doesNotContain("I will check what I know");
		});
		// The planner keeps the default model, which does not think.
		assertThat(this.finished.spans().getFinishedSpanItems()).filteredOn((span) -> "llm".equals(
				span.getAttributes().get(AttributeKey.stringKey("cascade.span_type"))) && !executorCalls.contains(span))
			.isNotEmpty()
			.allSatisfy((llm) -> assertThat(llm.getAttributes().get(AttributeKey.stringKey("llm.reasoning"))).isNull());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Exporter {

		/**
		 * Not a SpanExporter bean: Boot would export to one in batches as well, and a span could then
		 * arrive twice, depending on timing.
		 */
		record FinishedSpans(InMemorySpanExporter spans) {
		}

		@Bean
		FinishedSpans finishedSpans() {
			return new FinishedSpans(InMemorySpanExporter.create());
		}

		@Bean
		SpanProcessor inMemorySpanProcessor(FinishedSpans finished) {
			return SimpleSpanProcessor.create(finished.spans());
		}

	}

}
