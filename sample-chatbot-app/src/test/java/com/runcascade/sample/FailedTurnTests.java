package com.runcascade.sample;

import java.util.List;

import com.anthropic.errors.BadRequestException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A chat turn whose model call fails: the sample's run and the failing agent end with status
 * ERROR, and the provider's exception reaches the caller unchanged.
 */
@SpringBootTest(properties = "cascade.console.enabled=false")
@Import(FailedTurnTests.Exporter.class)
class FailedTurnTests {

	private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

	@Autowired
	private ChatService chat;

	@Autowired
	private LlmEmulator emulator;

	@Autowired
	private Exporter.FinishedSpans finished;

	@BeforeEach
	void reset() {
		this.emulator.reset();
		this.finished.spans().reset();
	}

	@Test
	void aFailedExecutorCallEndsTheAgentAndTheRunWithAnError() {
		this.emulator.enqueue(ScriptedReply.text("Fly on Tuesday."), ScriptedReply.error(400, "prompt is too long"));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.chat.chat("failed-turn", "Find me flights to Tokyo"));

		assertFailed(span("ExecutorAgent"));
		assertFailed(span("ChatTurn"));
		assertThat(span("PlannerAgent").getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
	}

	@Test
	void aFailedStreamedTurnEndsTheAgentAndTheRunWithAnError() {
		this.emulator.enqueue(ScriptedReply.error(400, "prompt is too long"));

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.chat.chatStreamed("failed-stream", "Find me flights to Tokyo", new Ignored()));

		assertFailed(span("PlannerAgent"));
		assertFailed(span("ChatTurn"));
	}

	private SpanData span(String name) {
		List<SpanData> spans = this.finished.spans().getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.toList();
		assertThat(spans).as("spans named %s", name).hasSize(1);
		return spans.get(0);
	}

	private static void assertFailed(SpanData span) {
		assertThat(span.getStatus().getStatusCode()).as(span.getName()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getEvents()).as(span.getName())
			.anySatisfy((event) -> assertThat(event.getAttributes().get(EXCEPTION_TYPE)).isNotBlank());
	}

	private static final class Ignored implements ChatService.StreamListener {

		@Override
		public void started(String sessionId, int turn, String traceId) {
		}

		@Override
		public void text(String text) {
		}

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
