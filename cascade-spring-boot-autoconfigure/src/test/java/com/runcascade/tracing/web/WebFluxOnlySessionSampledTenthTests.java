package com.runcascade.tracing.web;

import java.util.List;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.runcascade.tracing.InMemoryTracing.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebFlux-only application sampling a tenth of its traces: every request with the session
 * header is recorded whole, the others are sampled, and every run is recorded either way.
 */
@TestPropertySource(properties = "management.tracing.sampling.probability=0.1")
class WebFluxOnlySessionSampledTenthTests extends AbstractWebFluxOnlySessionTests {

	private static final int REQUESTS = 30;

	@Test
	void everySessionRequestIsRecordedWholeWhileOtherRequestsAreSampled() throws Exception {
		for (int i = 0; i < REQUESTS; i++) {
			assertThat(get("/mono", HEADER, "tenth-" + i).body()).isEqualTo("tenth-" + i);
			assertThat(get("/mono").body()).isEqualTo("none");
		}
		List<SpanData> runs = await().until(() -> spans("MonoRun"), (found) -> found.size() == 2 * REQUESTS);
		List<SpanData> servers = this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.SERVER)
			.toList();
		List<SpanData> sessionServers = servers.stream().filter((span) -> attr(span, "cascade.session_id") != null).toList();
		assertThat(sessionServers).hasSize(REQUESTS);
		// At 0.1, all 30 requests without the header being sampled has a chance of 1e-30.
		assertThat(servers.size() - sessionServers.size()).isLessThan(REQUESTS);
		assertThat(runs.stream().filter((run) -> attr(run, "cascade.session_id") != null)).hasSize(REQUESTS)
			.allSatisfy((run) -> assertThat(sessionServers)
				.anySatisfy((server) -> assertThat(run.getParentSpanId()).isEqualTo(server.getSpanId())));
	}

}
