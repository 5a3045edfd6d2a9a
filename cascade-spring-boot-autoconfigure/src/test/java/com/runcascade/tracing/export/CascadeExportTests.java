package com.runcascade.tracing.export;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.runcascade.tracing.BootLine;
import com.runcascade.emulator.OtlpReceiver;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@ExtendWith(OutputCaptureExtension.class)
class CascadeExportTests {

	@Test
	void spansReachTheCascadeEndpointWithTheApiKeyTheResourceAndTheSpanTree() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			InMemoryTracing.contextRunner()
				.withPropertyValues("cascade.endpoint=" + receiver.endpoint("/v1/traces"), "cascade.api-key=csk-secret",
						"cascade.project=travel", "cascade.environment=staging", "cascade.version=1.2.3",
						"cascade.user-id=u-7", "cascade.metadata.team=search", "cascade.export.headers.x-tenant=acme",
						"cascade.export.schedule-delay=50ms")
				.run((context) -> {
					CascadeTracer tracer = context.getBean(CascadeTracer.class);
					tracer.setSessionId("conv-1");
					try (CascadeScope run = tracer.traceRun("TravelAgent", Map.of("turn", 0))) {
						try (CascadeScope agent = tracer.traceAgent("PlannerAgent")) {
						}
					}
					tracer.endSession("conv-1");
					context.getBean(SdkTracerProvider.class).forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
					receiver.awaitSpans((spans) -> spans.size() >= 3);

					OtlpReceiver.Received request = receiver.received().get(0);
					assertThat(request.path()).isEqualTo("/v1/traces");
					assertThat(request.headers()).containsEntry("authorization", "Bearer csk-secret")
						.containsEntry("x-tenant", "acme");
					var resource = receiver.resourceSpans().get(0).getResource().getAttributesList();
					assertThat(OtlpReceiver.attribute(resource, "service.name")).isEqualTo("travel");
					assertThat(OtlpReceiver.attribute(resource, "cascade.project")).isEqualTo("travel");
					assertThat(OtlpReceiver.attribute(resource, "cascade.environment")).isEqualTo("staging");
					assertThat(OtlpReceiver.attribute(resource, "deployment.environment")).isEqualTo("staging");
					assertThat(OtlpReceiver.attribute(resource, "service.version")).isEqualTo("1.2.3");
					assertThat(OtlpReceiver.attribute(resource, "cascade.user_id")).isEqualTo("u-7");
					assertThat(OtlpReceiver.attribute(resource, "cascade.team")).isEqualTo("search");

					List<Span> spans = receiver.spans();
					Span run = OtlpReceiver.span(spans, "TravelAgent");
					Span agent = OtlpReceiver.span(spans, "PlannerAgent");
					assertThat(agent.getParentSpanId()).isEqualTo(run.getSpanId());
					assertThat(agent.getTraceId()).isEqualTo(run.getTraceId());
					assertThat(run.getParentSpanId().isEmpty()).isTrue();
					assertThat(OtlpReceiver.attribute(run.getAttributesList(), "cascade.span_type")).isEqualTo("function");
					assertThat(OtlpReceiver.attribute(run.getAttributesList(), "cascade.session_id")).isEqualTo("conv-1");
					assertThat(OtlpReceiver.attribute(agent.getAttributesList(), "cascade.agent_name"))
						.isEqualTo("PlannerAgent");
					assertThat(OtlpReceiver.span(spans, "cascade.session.end")).isNotNull();
					assertThat(spans).allSatisfy((span) -> assertThat(span.getAttributesList().toString())
						.doesNotContain("csk-secret"));
				});
		}
	}

	@Test
	void agentSpansOnlySendsCascadeSpansAndSpansInsideAnAgentButNotTheOthers() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			InMemoryTracing.contextRunner()
				.withPropertyValues("cascade.endpoint=" + receiver.endpoint("/v1/traces"),
						"cascade.export.agent-spans-only=true", "cascade.export.schedule-delay=50ms")
				.run((context) -> {
					CascadeTracer tracer = context.getBean(CascadeTracer.class);
					io.opentelemetry.api.trace.Tracer plain = context.getBean(io.opentelemetry.api.OpenTelemetry.class)
						.getTracer("app");
					io.opentelemetry.api.trace.Span request = plain.spanBuilder("GET /plan").startSpan();
					try (io.opentelemetry.context.Scope ignored = request.makeCurrent()) {
						try (CascadeScope run = tracer.traceRun("Trip"); CascadeScope agent = tracer.traceAgent("Planner")) {
							plain.spanBuilder("http client call").startSpan().end();
						}
					}
					request.end();
					plain.spanBuilder("GET /health").startSpan().end();
					context.getBean(SdkTracerProvider.class).forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
					receiver.awaitSpans((spans) -> spans.size() >= 3);
					assertThat(receiver.spans()).extracting(Span::getName)
						.containsExactlyInAnyOrder("http client call", "Planner", "Trip");
					assertThat(InMemoryTracing.names(context.getBean(InMemorySpanExporter.class))).contains("GET /plan",
							"GET /health");
				});
		}
	}

	@Test
	void theDefaultEndpointWithoutAnApiKeyExportsNothingAndSaysWhyOnce(CapturedOutput output) {
		InMemoryTracing.contextRunner().run((context) -> {
			CascadeExportSpanProcessor processor = context.getBean(CascadeExportSpanProcessor.class);
			assertThat(processor.isExporting()).isFalse();
			assertThat(processor.endpoint()).isEqualTo("https://api.runcascade.com/v1/traces");
		});
		assertThat(output).containsOnlyOnce("Cascade export is off: no cascade.api-key");
	}

	@Test
	void theDefaultEndpointWithAnApiKeyExports() {
		InMemoryTracing.contextRunner().withPropertyValues("cascade.api-key=k").run((context) -> {
			CascadeExportSpanProcessor processor = context.getBean(CascadeExportSpanProcessor.class);
			assertThat(processor.isExporting()).isTrue();
		});
	}

	@Test
	void aGrpcExporterIsBuiltWhenAsked() {
		InMemoryTracing.contextRunner()
			.withPropertyValues("cascade.api-key=k", "cascade.export.protocol=grpc",
					"cascade.endpoint=http://127.0.0.1:4317")
			.run((context) -> assertThat(context.getBean(CascadeExportSpanProcessor.class).isExporting()).isTrue());
	}

	@Test
	void theApplicationsOwnOtlpExportKeepsWorkingNextToCascade() throws Exception {
		try (OtlpReceiver cascade = OtlpReceiver.start(); OtlpReceiver own = OtlpReceiver.start()) {
			InMemoryTracing.contextRunner()
				.withConfiguration(AutoConfigurations.of(BootLine.OTLP_TRACING))
				.withPropertyValues("cascade.endpoint=" + cascade.endpoint("/v1/traces"),
						BootLine.OTLP_TRACING_ENDPOINT + "=" + own.endpoint("/collector/v1/traces"),
						BootLine.TRACING_SCHEDULE_DELAY + "=50ms",
						"cascade.export.schedule-delay=50ms")
				.run((context) -> {
					context.getBean(CascadeTracer.class).traceRun("Both", null, (Runnable) () -> {
					});
					context.getBean(SdkTracerProvider.class).forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
					cascade.awaitSpans((spans) -> !spans.isEmpty());
					own.awaitSpans((spans) -> !spans.isEmpty());
					assertThat(cascade.received().get(0).headers()).doesNotContainKey("authorization");
					assertThat(own.received().get(0).path()).isEqualTo("/collector/v1/traces");
				});
		}
	}

	@Test
	void exportNeverTouchesGlobalOpenTelemetry() throws Exception {
		GlobalOpenTelemetry.resetForTest();
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			InMemoryTracing.contextRunner()
				.withPropertyValues("cascade.endpoint=" + receiver.endpoint("/v1/traces"),
						"cascade.export.schedule-delay=50ms")
				.run((context) -> {
					context.getBean(CascadeTracer.class).traceRun("Run", null, (Runnable) () -> {
					});
					context.getBean(SdkTracerProvider.class).forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
					receiver.awaitSpans((spans) -> !spans.isEmpty());
				});
			// set() fails once anything has read the global instance.
			GlobalOpenTelemetry.set(OpenTelemetry.noop());
		}
		finally {
			GlobalOpenTelemetry.resetForTest();
		}
	}

	@Test
	void aHungBackendNeverHoldsUpTheTracedCode() throws Exception {
		// Accepts connections and never answers, like a backend that hangs.
		try (java.net.ServerSocket hung = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			InMemoryTracing.contextRunner()
				.withPropertyValues("cascade.endpoint=http://127.0.0.1:" + hung.getLocalPort() + "/v1/traces",
						"cascade.api-key=k", "cascade.export.timeout=5s", "cascade.export.max-queue-size=16",
						"cascade.export.schedule-delay=10ms")
				.run((context) -> {
					CascadeTracer tracer = context.getBean(CascadeTracer.class);
					// If export ran on this thread, 5,000 runs against a hung backend would take hours,
					// not the milliseconds they take; the guard only catches such a hang.
					assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
						for (int i = 0; i < 5_000; i++) {
							tracer.traceRun("Run", Map.of("i", i), (Runnable) () -> {
							});
						}
					});
					assertThat(context.getBean(CascadeExportSpanProcessor.class).isExporting()).isTrue();
				});
		}
	}

	@Test
	void nothingIsExportedWhenCascadeIsDisabled() {
		InMemoryTracing.contextRunner()
			.withPropertyValues("cascade.enabled=false", "cascade.api-key=k")
			.run((context) -> assertThat(context).doesNotHaveBean(CascadeExportSpanProcessor.class));
	}

}
