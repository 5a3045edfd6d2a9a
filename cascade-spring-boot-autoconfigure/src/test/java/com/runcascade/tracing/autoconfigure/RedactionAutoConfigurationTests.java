package com.runcascade.tracing.autoconfigure;

import java.util.Map;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.Redactor;
import com.runcascade.tracing.support.ContentFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionAutoConfigurationTests {

	private static final String KEY = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx";

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner();

	@Test
	void secretsAreRedactedByDefaultInMetadataAttributesAndErrors() {
		this.contextRunner.run((context) -> {
			CascadeTracer tracer = context.getBean(CascadeTracer.class);
			try (CascadeScope run = tracer.traceRun("Run", Map.of("auth", "Bearer abcdefghijkl"))) {
				run.setAttribute("note", "key " + KEY);
				run.recordError(new IllegalStateException("rejected " + KEY));
			}
			SpanData span = InMemoryTracing.span(context.getBean(InMemorySpanExporter.class), "Run");
			assertThat(InMemoryTracing.attr(span, "cascade.auth")).isEqualTo("[REDACTED]");
			assertThat(InMemoryTracing.attr(span, "note")).isEqualTo("key [REDACTED]");
			assertThat(span.getStatus().getDescription()).isEqualTo("IllegalStateException: rejected [REDACTED]");
			assertThat(span.toString()).doesNotContain(KEY);
		});
	}

	@Test
	void presetsPatternsAndReplacementAreConfigurable() {
		this.contextRunner
			.withPropertyValues("cascade.redact.presets=email,ip", "cascade.redact.patterns=ACME-\\d{4}",
					"cascade.redact.replacement=<REDACTED>")
			.run((context) -> {
				ContentFormatter formatter = context.getBean(ContentFormatter.class);
				assertThat(formatter.truncate("ann@example.com from 10.1.2.3 ticket ACME-1234 " + KEY))
					.isEqualTo("<REDACTED> from <REDACTED> ticket <REDACTED> <REDACTED>");
			});
	}

	@Test
	void builtInSecretsCanBeTurnedOffAndRedactionAltogether() {
		this.contextRunner.withPropertyValues("cascade.redact.secrets=false", "cascade.redact.presets=email")
			.run((context) -> assertThat(context.getBean(ContentFormatter.class).truncate(KEY + " a@b.io"))
				.isEqualTo(KEY + " [REDACTED]"));
		this.contextRunner.withPropertyValues("cascade.redact.enabled=false", "cascade.redact.presets=email")
			.run((context) -> assertThat(context.getBean(ContentFormatter.class).truncate(KEY + " a@b.io"))
				.isEqualTo(KEY + " a@b.io"));
	}

	@Test
	void redactorBeansRunInOrderAfterTheBuiltInPatterns() {
		this.contextRunner.withBean("second", Redactor.class, SecondRedactor::new)
			.withBean("first", Redactor.class, FirstRedactor::new)
			.run((context) -> assertThat(context.getBean(ContentFormatter.class).truncate("customer 42 " + KEY))
				.isEqualTo("customer [ID] [REDACTED] (checked)"));
	}

	@Test
	void anUnknownPresetFailsTheStartupWithTheReason() {
		this.contextRunner.withPropertyValues("cascade.redact.presets=ssn")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Unknown cascade.redact.presets entry 'ssn'"));
	}

	@Order(1)
	static class FirstRedactor implements Redactor {

		@Override
		public String redact(String text) {
			return text.replaceAll("\\b\\d+\\b", "[ID]");
		}

	}

	@Order(2)
	static class SecondRedactor implements Redactor {

		@Override
		public String redact(String text) {
			return text + " (checked)";
		}

	}

}
