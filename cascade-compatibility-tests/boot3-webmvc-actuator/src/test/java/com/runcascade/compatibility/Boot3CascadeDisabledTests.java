package com.runcascade.compatibility;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cascade.enabled=false}: the same application, with export, viewer and all configured,
 * starts and answers as with Cascade on, and nothing reaches the OTLP receiver.
 */
@ExtendWith(OutputCaptureExtension.class)
class Boot3CascadeDisabledTests {

	@Test
	void theApplicationAnswersAsWithCascadeOnAndExportsNoSpans(CapturedOutput output) throws Exception {
		HttpResponse<String> on;
		try (Boot3App app = Boot3App.start(Map.of())) {
			on = app.get("/weather/Lisbon", "session-lisbon");
			app.flushSpans();
			assertThat(app.receiver.spans()).as("spans with Cascade on").isNotEmpty();
		}
		int logFrom = output.getAll().length();
		try (Boot3App app = Boot3App.start(Map.of("cascade.enabled", "false"))) {
			int modelRequestsBefore = app.emulator.requests().size();

			HttpResponse<String> off = app.get("/weather/Lisbon", "session-lisbon");

			assertThat(off.statusCode()).isEqualTo(on.statusCode()).isEqualTo(200);
			assertThat(off.body()).isEqualTo(on.body()).isEqualTo(Boot3App.expectedReply("Lisbon"));
			assertThat(app.emulator.requests().size() - modelRequestsBefore).as("model requests").isEqualTo(4);
			assertThat(app.get("/cascade/api/traces", null).statusCode()).as("the viewer").isEqualTo(404);
			assertThat(app.get("/actuator/health", null).statusCode()).isEqualTo(200);
			app.flushSpans();
			Thread.sleep(300);
			assertThat(app.receiver.spans()).as("spans with cascade.enabled=false").isEmpty();
			assertThat(app.receiver.received()).as("export requests with cascade.enabled=false").isEmpty();
		}
		List<String> problems = Boot3App.logProblems(output.getAll().substring(logFrom));
		assertThat(problems).as("problems logged with cascade.enabled=false:\n%s", String.join("\n", problems))
			.isEmpty();
	}

}
