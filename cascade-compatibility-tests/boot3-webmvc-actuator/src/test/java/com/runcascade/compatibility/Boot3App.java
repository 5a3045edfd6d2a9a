package com.runcascade.compatibility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.runcascade.compatibility.boot3.Boot3Application;
import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.OtlpReceiver;

/**
 * The Boot 3.5 application started for real with SpringApplication on a random port, with the
 * provider emulator and the loopback OTLP receiver Cascade exports to.
 */
final class Boot3App implements AutoCloseable {

	static final String SESSION_HEADER = "X-Cascade-Session-Id";

	static final String PROJECT = "boot3-webmvc-actuator";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** A WARN line (Boot's console format, or java.util.logging's) from Cascade, OpenTelemetry or Micrometer Tracing. */
	private static final Pattern TRACING_WARN = Pattern.compile(
			"^\\S+\\s+WARN\\s.*\\s(c\\.r\\.|com\\.runcascade\\.|i\\.o\\.|io\\.opentelemetry\\.|i\\.m\\.t|io\\.micrometer\\.tracing)\\S*\\s+:"
					+ "|^WARN(ING)?:.*|(?i).*\\bWARN\\b.*cascade.*");

	final LlmEmulator emulator;

	final OtlpReceiver receiver;

	final ConfigurableApplicationContext context;

	final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private Boot3App(LlmEmulator emulator, OtlpReceiver receiver, ConfigurableApplicationContext context) {
		this.emulator = emulator;
		this.receiver = receiver;
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/** Starts the application; {@code properties} are added to (or override) the defaults. */
	static Boot3App start(Map<String, String> properties) {
		LlmEmulator emulator = LlmEmulator.start();
		OtlpReceiver receiver = null;
		try {
			receiver = OtlpReceiver.start();
			Map<String, Object> all = new LinkedHashMap<>();
			all.put("server.port", "0");
			all.put("spring.main.banner-mode", "off");
			all.put("spring.application.name", "boot3-webmvc-actuator");
			all.put("app.emulator.base-url", emulator.baseUrl());
			all.put("cascade.project", PROJECT);
			all.put("cascade.endpoint", receiver.endpoint("/v1/traces"));
			all.put("cascade.export.schedule-delay", "100ms");
			// Off by default while spans are exported to Cascade (README, "The trace viewer").
			all.put("cascade.viewer.enabled", "true");
			all.put("management.endpoint.health.show-components", "always");
			all.putAll(properties);
			ConfigurableApplicationContext context = new SpringApplicationBuilder(Boot3Application.class)
				.properties(all)
				.run();
			return new Boot3App(emulator, receiver, context);
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

	/** Exports every span ended so far, as the batch processor would a moment later. */
	void flushSpans() {
		this.context.getBeanProvider(SdkTracerProvider.class)
			.ifAvailable((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
	}

	/** The reply of {@code GET /weather/{city}}, as the emulator makes its parts. */
	static String expectedReply(String city) {
		String answer = "Good question! You asked: \"What's the weather in " + city
				+ "?\" I'm running offline, so my brief answer is that I can't look up weather and " + city
				+ " right now, but I'm happy to help you think it through step by step.";
		return String.join("\n", "18°C and sunny in " + city, answer, answer, answer, answer);
	}

	/** ERROR lines and stack traces ({@link QuietLog}), and WARN lines of Cascade, OpenTelemetry or Micrometer Tracing. */
	static List<String> logProblems(String log) {
		List<String> problems = new java.util.ArrayList<>(QuietLog.problems(log));
		for (String line : log.split("\\R")) {
			if (TRACING_WARN.matcher(line).find()) {
				problems.add(line);
			}
		}
		return problems;
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			this.emulator.close();
			this.receiver.close();
		}
	}

}
