package com.runcascade.compatibility;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC, Spring AI and the raw SDK clients with the Cascade starter and the application's own
 * {@code spring-boot-starter-opentelemetry}, which also exports metrics over OTLP to
 * {@code localhost:4318}, where no collector listens. The export step is one second here, so that
 * the exports the application makes in its first minute happen while the matrix watches the log.
 */
class WebmvcOpentelemetryMatrixTests extends CompatibilityMatrixTests {

	static Stream<Cell> cells() {
		return Cell.matrix(ClassPath.WEBMVC_OPENTELEMETRY)
			.map((cell) -> cell.with("management.otlp.metrics.export.step", "1s"));
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
