package com.runcascade.tracing.export;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.common.CompletableResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.runcascade.tracing.BootLine;
import com.runcascade.emulator.OtlpReceiver;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.autoconfigure.CascadeExportProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The Cascade exporter against a closed port, a hung, a failing (500) and a slow receiver on
 * loopback: the traced code never fails or waits, memory stays bounded by the queue, every span is
 * accounted for exactly once (exported, failed or dropped), and shutdown is prompt.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExportFaultModesTests {

	private static final int SPANS = 3_000;

	private static final int QUEUE = 64;

	/** Only catches a hang; the work takes milliseconds when export stays off the caller's thread. */
	private static final Duration GUARD = Duration.ofSeconds(60);

	private ApplicationContextRunner runner(String endpoint) {
		// Boot's metrics auto-configuration binds Cascade's export meters to the registry.
		return InMemoryTracing.contextRunner()
			.withConfiguration(AutoConfigurations.of(BootLine.METRICS))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("cascade.endpoint=" + endpoint, "cascade.api-key=csk-test-secret",
					"cascade.export.max-queue-size=" + QUEUE, "cascade.export.schedule-delay=20ms",
					"cascade.export.timeout=1s", "cascade.export.shutdown-timeout=1s", "cascade.export.failure-threshold=1");
	}

	@Test
	void aClosedPortLosesSpansVisiblyAndNeverTouchesTheApplication(CapturedOutput output) throws Exception {
		try (FaultyReceiver receiver = FaultyReceiver.closedPort()) {
			runner(receiver.endpoint()).run((context) -> {
				Outcome outcome = endAndShutDown(context);
				assertThat(outcome.exported).isZero();
				assertThat(outcome.failed).isPositive();
				assertHealthDown(context, receiver.endpoint());
			});
		}
		assertQuietLogs(output);
	}

	@Test
	void aHungReceiverLosesSpansVisiblyAndShutdownIsPrompt(CapturedOutput output) throws Exception {
		try (FaultyReceiver receiver = FaultyReceiver.hung()) {
			runner(receiver.endpoint()).run((context) -> {
				Outcome outcome = endAndShutDown(context);
				assertThat(outcome.exported).isZero();
				assertThat(outcome.dropped).isPositive();
				assertHealthDown(context, receiver.endpoint());
			});
		}
		assertThat(output).contains("is failing (no answer");
	}

	@Test
	void aFailingReceiverLosesSpansVisibly(CapturedOutput output) throws Exception {
		try (FaultyReceiver receiver = FaultyReceiver.failing()) {
			runner(receiver.endpoint()).run((context) -> {
				Outcome outcome = endAndShutDown(context);
				assertThat(outcome.exported).isZero();
				assertThat(outcome.failed).isPositive();
				assertThat(receiver.requests.get()).isPositive();
				BootLine.HealthView health = assertHealthDown(context, receiver.endpoint());
				assertThat(health.details().get("lastError")).asString().startsWith("HTTP 500");
			});
		}
		assertQuietLogs(output);
		assertThat(output).contains("is failing (HTTP 500");
	}

	@Test
	void aSlowReceiverGetsWhatFitsAndTheRestIsCountedAsDropped(CapturedOutput output) throws Exception {
		try (FaultyReceiver receiver = FaultyReceiver.slow(200)) {
			runner(receiver.endpoint()).run((context) -> {
				Outcome outcome = endAndShutDown(context);
				assertThat(outcome.exported).isPositive();
				assertThat(outcome.dropped).isPositive();
				assertThat(BootLine.health(context).status()).isEqualTo("UP");
			});
		}
		assertThat(output).containsOnlyOnce("Cascade dropped ").contains("cascade.export.max-queue-size=64");
	}

	@Test
	void aHealthyReceiverGetsEverySpanAndTheHealthIsUp() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			runner(receiver.endpoint("/v1/traces")).withPropertyValues("cascade.export.max-queue-size=100000")
				.run((context) -> {
					Outcome outcome = endAndShutDown(context);
					assertThat(outcome.exported).isEqualTo(SPANS);
					assertThat(receiver.spans()).hasSize(SPANS);
					BootLine.HealthView health = BootLine.health(context);
					assertThat(health.status()).isEqualTo("UP");
					assertThat(health.details()).containsEntry("exported", (long) SPANS).containsEntry("failed", 0L);
				});
		}
	}

	@Test
	void aGrpcProtocolWithAnHttpPathOrHttpOnTheGrpcPortIsAStartupWarning(CapturedOutput output) {
		InMemoryTracing.contextRunner()
			.withPropertyValues("cascade.api-key=k", "cascade.export.protocol=grpc",
					"cascade.endpoint=http://127.0.0.1:4318/v1/traces")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Cascade export uses gRPC but http://127.0.0.1:4318/v1/traces looks like an OTLP/HTTP URL");
		InMemoryTracing.contextRunner()
			.withPropertyValues("cascade.api-key=k", "cascade.endpoint=http://127.0.0.1:4317/v1/traces")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Cascade export uses OTLP/HTTP but http://127.0.0.1:4317/v1/traces is on port 4317");
	}

	@Test
	void healthDetailsNeverShowCredentialsFromTheEndpoint() {
		assertThat(ExportHealth.safeEndpoint("https://user:pass@collector.example.com:4318/v1/traces?token=abc#x"))
			.isEqualTo("https://collector.example.com:4318/v1/traces");
	}

	/** End {@link #SPANS} runs, shut the processor down, and check that each span is counted once. */
	private Outcome endAndShutDown(AssertableApplicationContext context) {
		CascadeTracer tracer = context.getBean(CascadeTracer.class);
		CascadeExportSpanProcessor processor = context.getBean(CascadeExportSpanProcessor.class);
		BoundedExportProcessor queue = (BoundedExportProcessor) processor.delegate();
		int maxQueueSize = context.getBean(CascadeExportProperties.class).getMaxQueueSize();
		assertTimeoutPreemptively(GUARD, () -> {
			for (int i = 0; i < SPANS; i++) {
				tracer.traceRun("Run", Map.of("i", i), (Runnable) () -> {
				});
				assertThat(queue.queuedCount()).isLessThanOrEqualTo(maxQueueSize);
			}
		});
		CompletableResultCode shutdown = processor.shutdown();
		// Shutdown gives up after cascade.export.shutdown-timeout (1s) plus one exporter answer.
		assertThat(shutdown.join(15, TimeUnit.SECONDS).isDone()).isTrue();
		ExportHealth health = processor.health();
		Outcome outcome = new Outcome(health.exportedCount(), health.failedCount(), health.droppedCount());
		assertThat(outcome.exported + outcome.failed + outcome.dropped).as("every span counted once").isEqualTo(SPANS);
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.get("cascade.export.spans").tag("outcome", "exported").functionCounter().count())
			.isEqualTo(outcome.exported);
		assertThat(registry.get("cascade.export.spans").tag("outcome", "failed").functionCounter().count())
			.isEqualTo(outcome.failed);
		assertThat(registry.get("cascade.export.spans").tag("outcome", "dropped").functionCounter().count())
			.isEqualTo(outcome.dropped);
		return outcome;
	}

	private static BootLine.HealthView assertHealthDown(AssertableApplicationContext context, String endpoint) {
		assertThat(context).hasBean("cascadeHealthIndicator");
		BootLine.HealthView health = BootLine.health(context, "cascadeHealthIndicator");
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details()).containsEntry("endpoint", endpoint).containsKey("lastError");
		assertThat(health.details().toString()).doesNotContain("csk-test-secret");
		return health;
	}

	/** One WARN when failing starts, no stack traces, at most one line from the OTLP exporter itself. */
	private static void assertQuietLogs(CapturedOutput output) {
		assertThat(output).containsOnlyOnce("is failing (");
		assertThat(output.toString()).doesNotContain("\tat okhttp3").doesNotContain("\tat io.opentelemetry");
		assertThat(output.toString().split("Failed to export spans", -1).length - 1).isLessThanOrEqualTo(1);
		assertThat(output).doesNotContain("csk-test-secret");
	}

	private record Outcome(long exported, long failed, long dropped) {
	}

}
