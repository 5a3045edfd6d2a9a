package com.runcascade.tracing.export;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ExportHealthTests {

	private final AtomicLong now = new AtomicLong();

	private final ExportHealth health = new ExportHealth("http://collector:4318/v1/traces", 100, 3,
			Duration.ofMinutes(1), this.now::get);

	@Test
	void failuresWarnOnceThenAtMostOneSummaryPerInterval(CapturedOutput output) {
		for (int i = 0; i < 50; i++) {
			this.health.failed(10, new IOException("Connection refused"), "export failed");
			this.health.dropped(5);
			this.health.report();
			this.now.addAndGet(Duration.ofSeconds(1).toNanos());
		}
		assertThat(output).containsOnlyOnce("is failing (IOException: Connection refused)")
			.containsOnlyOnce("Cascade dropped 5 span(s)")
			.doesNotContain("since the last report");
		this.now.addAndGet(Duration.ofSeconds(15).toNanos());
		this.health.report();
		this.health.report();
		assertThat(output).containsOnlyOnce("since the last report: 490 span(s) failed, 245 dropped")
			.contains("last error: IOException: Connection refused")
			.doesNotContain("\tat ");
		assertThat(this.health.failedCount()).isEqualTo(500);
		assertThat(this.health.droppedCount()).isEqualTo(250);
	}

	@Test
	void downAfterTheThresholdOfFailuresInARowAndUpAgainAfterASuccess(CapturedOutput output) {
		this.health.failed(1, null, "no answer within 1000 ms");
		this.health.failed(1, null, "no answer within 1000 ms");
		assertThat(this.health.isDown()).isFalse();
		this.health.failed(1, null, "no answer within 1000 ms");
		assertThat(this.health.isDown()).isTrue();
		assertThat(this.health.details()).containsEntry("endpoint", "http://collector:4318/v1/traces")
			.containsEntry("consecutiveFailures", 3)
			.containsEntry("lastError", "no answer within 1000 ms");
		this.health.exported(7);
		assertThat(this.health.isDown()).isFalse();
		assertThat(output).contains("works again after 3 failed export request(s)");
	}

	@Test
	void theLastErrorIsBoundedAndRedacted() {
		this.health.failed(1, new IllegalStateException("bad key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx " + "x".repeat(5000)),
				"export failed");
		String lastError = (String) this.health.details().get("lastError");
		assertThat(lastError).contains("[REDACTED]").doesNotContain("sk-ant").hasSizeLessThanOrEqualTo(503);
	}

}
