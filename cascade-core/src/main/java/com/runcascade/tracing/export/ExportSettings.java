package com.runcascade.tracing.export;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What the export processor needs from {@code cascade.endpoint}, {@code cascade.api-key} and
 * {@code cascade.export.*}, as plain values, so the processor never sees the bound properties.
 * @param endpoint where spans go
 * @param defaultEndpoint whether {@code endpoint} is Cascade's own, which needs an API key
 * @param apiKey the API key, or {@code null} for none
 * @param grpc whether to speak OTLP/gRPC rather than OTLP/HTTP (protobuf)
 * @param headers extra request headers
 * @param timeout the timeout of one export
 * @param maxQueueSize spans held before new ones are dropped
 * @param scheduleDelay the delay between two exports
 * @param shutdownTimeout how long shutdown waits for the queue to drain
 * @param failureThreshold consecutive failed exports before health reports down
 * @param quietExporterLogs whether the OTLP exporters' own failure logs are throttled
 * @param agentSpansOnly whether only agent spans (and spans inside agents and sessions) are sent
 */
public record ExportSettings(String endpoint, boolean defaultEndpoint, @Nullable String apiKey, boolean grpc,
		Map<String, String> headers, Duration timeout, int maxQueueSize, Duration scheduleDelay,
		Duration shutdownTimeout, int failureThreshold, boolean quietExporterLogs, boolean agentSpansOnly) {

	/** Cascade's own OTLP endpoint, the default of {@code cascade.endpoint}. */
	public static final String CASCADE_ENDPOINT = "https://api.runcascade.com/v1/traces";

	public ExportSettings {
		headers = Map.copyOf(headers);
	}

	/**
	 * Why spans are exported to Cascade, or {@code null} when they are not: an API key, or an
	 * endpoint other than Cascade's own (which needs a key). For decisions taken before the
	 * properties are bound (the trace viewer's default).
	 * @param property the value of a {@code cascade.*} property, or {@code null} when unset
	 * @return the reason, naming the property, or {@code null}
	 */
	public static @Nullable String cascadeExport(Function<String, @Nullable String> property) {
		String apiKey = property.apply("cascade.api-key");
		if (apiKey != null && !apiKey.isBlank()) {
			return "cascade.api-key is set";
		}
		String endpoint = property.apply("cascade.endpoint");
		return (endpoint == null || CASCADE_ENDPOINT.equals(endpoint)) ? null : "cascade.endpoint is " + endpoint;
	}

	boolean hasApiKey() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	/** As {@code cascade.export.protocol} spells it in logs. */
	String protocolName() {
		return this.grpc ? "GRPC" : "HTTP_PROTOBUF";
	}

}
