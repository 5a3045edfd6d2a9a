package com.runcascade.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.runcascade.compatibility.app.MatrixApplication;
import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.OtlpReceiver;

/**
 * One application of the matrix, started for real on a random port with its provider emulator and,
 * when Cascade is on the class path, the loopback OTLP receiver its spans are exported to.
 */
final class MatrixApp implements AutoCloseable {

	/** The session header of the README ({@code cascade.session.header}'s default). */
	static final String SESSION_HEADER = "X-Cascade-Session-Id";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	final Cell cell;

	final LlmEmulator emulator;

	final @Nullable OtlpReceiver receiver;

	final ConfigurableApplicationContext context;

	final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private MatrixApp(Cell cell, LlmEmulator emulator, @Nullable OtlpReceiver receiver,
			ConfigurableApplicationContext context) {
		this.cell = cell;
		this.emulator = emulator;
		this.receiver = receiver;
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static MatrixApp start(Cell cell) {
		LlmEmulator emulator = LlmEmulator.start();
		OtlpReceiver receiver = null;
		try {
			receiver = cell.classPath().cascade() ? OtlpReceiver.start() : null;
			ConfigurableApplicationContext context = new SpringApplicationBuilder(MatrixApplication.class)
				.properties(properties(cell, emulator, receiver))
				.run();
			return new MatrixApp(cell, emulator, receiver, context);
		}
		catch (IOException ex) {
			emulator.close();
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException | Error ex) {
			emulator.close();
			if (receiver != null) {
				receiver.close();
			}
			throw ex;
		}
	}

	private static Map<String, Object> properties(Cell cell, LlmEmulator emulator, @Nullable OtlpReceiver receiver) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.application.name", "compatibility-matrix");
		properties.put("matrix.emulator.base-url", emulator.baseUrl());
		properties.put("spring.ai.model.chat", cell.provider().id());
		properties.put("spring.ai.anthropic.base-url", emulator.anthropicBaseUrl());
		properties.put("spring.ai.anthropic.api-key", "test");
		properties.put("spring.ai.anthropic.chat.model", "claude-sonnet-4-5");
		properties.put("spring.ai.openai.base-url", BootLine.openAiBaseUrl(emulator));
		properties.put("spring.ai.openai.api-key", "test");
		properties.put("spring.ai.openai.chat.model", "gpt-4o-mini");
		properties.put("management.endpoints.web.exposure.include", "health,prometheus");
		if (receiver != null) {
			properties.put("cascade.endpoint", receiver.endpoint("/v1/traces"));
			properties.put("cascade.export.schedule-delay", "100ms");
		}
		if (cell.sampling() != null) {
			properties.put("management.tracing.sampling.probability", cell.sampling().toString());
		}
		properties.putAll(BootLine.APPLICATION_PROPERTIES);
		properties.putAll(cell.properties());
		return properties;
	}

	OtlpReceiver receiver() {
		if (this.receiver == null) {
			throw new IllegalStateException("No OTLP receiver: Cascade is not on the class path of " + this.cell);
		}
		return this.receiver;
	}

	HttpResponse<String> get(String path, @Nullable String session) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(TIMEOUT)
			.GET();
		if (session != null) {
			request.header(SESSION_HEADER, session);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("GET " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Export every span ended so far to the receiver, as Cascade's batch processor would a moment later. */
	void flushSpans() {
		if (this.cell.classPath().cascade()) {
			this.context.getBean(io.opentelemetry.sdk.trace.SdkTracerProvider.class)
				.forceFlush()
				.join(10, TimeUnit.SECONDS);
		}
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			this.emulator.close();
			if (this.receiver != null) {
				this.receiver.close();
			}
		}
	}

}
