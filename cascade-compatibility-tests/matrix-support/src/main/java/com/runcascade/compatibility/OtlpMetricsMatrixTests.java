package com.runcascade.compatibility;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix for class paths where the application's own OpenTelemetry setup also exports metrics
 * over OTLP to {@code localhost:4318}, where no collector listens: Boot 4's
 * {@code spring-boot-starter-opentelemetry}, or Boot 3.5's actuator with the OTel tracing bridge,
 * the OTLP exporter and {@code micrometer-registry-otlp}. The export step is one second in its
 * cells, so that the exports the application makes in its first minute happen while the matrix
 * watches the log.
 */
public abstract class OtlpMetricsMatrixTests extends CompatibilityMatrixTests {

	/** The cells of such a class path, with an export step of one second. */
	protected static Stream<Cell> otlpCells(ClassPath classPath) {
		return Cell.matrix(classPath).map((cell) -> cell.with("management.otlp.metrics.export.step", "1s"));
	}

	@Test
	void otlpMetricsExportWithoutACollectorKeepsTheLogQuiet(CapturedOutput output) throws InterruptedException {
		int from = output.getAll().length();
		Thread.sleep(2500);
		List<String> problems = QuietLog.problems(output.getAll().substring(from));
		assertThat(problems).as("ERROR lines and stack traces logged while metrics were exported [%s]:\n%s", this.cell,
				QuietLog.describe(problems)).isEmpty();
	}

}
