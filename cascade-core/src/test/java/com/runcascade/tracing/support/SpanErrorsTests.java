package com.runcascade.tracing.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpanErrorsTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final ContentFormatter formatter = new ContentFormatter(true, 1000);

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void aHugeMessageIsBoundedInStatusMessageAndStackTrace() {
		SpanData span = recorded(new IllegalStateException("m".repeat(10_000_000)));
		EventData event = span.getEvents().get(0);
		assertThat(span.getStatus().getDescription()).startsWith("IllegalStateException: mmm").hasSizeLessThan(1100);
		assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
			.endsWith("original length 10000000 chars]")
			.hasSizeLessThan(1100);
		assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
			.startsWith("java.lang.IllegalStateException: mmm")
			.hasSizeLessThan(1100);
		assertThat(span.getAttributes().get(SpanErrors.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
	}

	@Test
	void anExceptionWhoseGetMessageThrowsIsStillRecorded() {
		RuntimeException error = new RuntimeException() {
			@Override
			public String getMessage() {
				throw new IllegalStateException("no message for you");
			}
		};
		SpanData span = recorded(error);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getStatus().getDescription()).contains("<getMessage() threw java.lang.IllegalStateException>");
		assertThat(SpanErrors.describe(error)).contains("getMessage() threw");
	}

	@Test
	void theStackTraceHasFramesCausesAndSuppressedInTheUsualForm() {
		IllegalStateException error = new IllegalStateException("outer", new IllegalArgumentException("inner"));
		error.addSuppressed(new RuntimeException("closing"));
		String trace = SpanErrors.stackTrace(error, 100_000);
		assertThat(trace).startsWith("java.lang.IllegalStateException: outer\n\tat ")
			.contains("\tat com.runcascade.tracing.support.SpanErrorsTests.theStackTraceHasFramesCausesAndSuppressedInTheUsualForm")
			.contains("\tSuppressed: java.lang.RuntimeException: closing\n")
			.contains("Caused by: java.lang.IllegalArgumentException: inner\n");
		assertThat(SpanErrors.stackTrace(error, 50)).hasSize(50);
	}

	@Test
	void secretsInErrorsAreRedacted() {
		SpanData span = recorded(new IllegalStateException("401 for key sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx"));
		assertThat(span.getStatus().getDescription()).isEqualTo("IllegalStateException: 401 for key [REDACTED]");
		assertThat(span.getEvents().get(0).getAttributes().asMap().values())
			.allSatisfy((value) -> assertThat(value.toString()).doesNotContain("sk-ant-api03"));
	}

	@Test
	void fatalErrorsAreRethrownAndOthersAreNot() {
		SpanErrors.rethrowIfFatal(new AssertionError());
		SpanErrors.rethrowIfFatal(new StackOverflowError());
		assertThatThrownBy(() -> SpanErrors.rethrowIfFatal(new OutOfMemoryError())).isInstanceOf(OutOfMemoryError.class);
	}

	private SpanData recorded(Throwable error) {
		Span span = this.provider.get("test").spanBuilder("failing").startSpan();
		SpanErrors.record(span, error, this.formatter);
		span.end();
		return this.exporter.getFinishedSpanItems().get(0);
	}

}
