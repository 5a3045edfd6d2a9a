package com.runcascade.tracing.web;

import com.runcascade.emulator.ScriptedReply;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static com.runcascade.tracing.InMemoryTracing.isDescendant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebFlux-only application sampling every trace its caller did not drop: requests without
 * the session header are recorded too, without a session.
 */
@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
class WebFluxOnlySessionSampledFullyTests extends AbstractWebFluxOnlySessionTests {

	@Test
	void aRequestWithoutTheHeaderIsRecordedWithoutASession() throws Exception {
		Caller caller = Caller.sampled();
		assertThat(get("/mono", "traceparent", caller.traceparent()).body()).isEqualTo("none");
		SpanData server = awaitServerSpan(caller.traceId());
		SpanData run = awaitSpan("MonoRun", caller.traceId());
		assertThat(run.getParentSpanId()).isEqualTo(server.getSpanId());
		assertThat(attr(server, "cascade.session_id")).isNull();
		assertThat(attr(run, "cascade.session_id")).isNull();
	}

	@Test
	void aStreamedFluxWithoutTheHeaderIsRecordedWithoutASession() throws Exception {
		this.emulator.enqueue(ScriptedReply.text("No session here").withUsage(3, 3));
		Caller caller = Caller.sampled();
		assertThat(get("/stream", "traceparent", caller.traceparent()).body()).isEqualTo("No session here");
		SpanData llm = await().until(() -> llmSpan(caller.traceId()), (span) -> span != null);
		assertThat(isDescendant(this.exporter, llm, awaitServerSpan(caller.traceId()))).isTrue();
		assertThat(attr(llm, "cascade.session_id")).isNull();
	}

}
