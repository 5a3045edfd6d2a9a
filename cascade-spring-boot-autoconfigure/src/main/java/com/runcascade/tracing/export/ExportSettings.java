package com.runcascade.tracing.export;

import java.time.Duration;
import java.util.Map;

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
record ExportSettings(String endpoint, boolean defaultEndpoint, @Nullable String apiKey, boolean grpc,
		Map<String, String> headers, Duration timeout, int maxQueueSize, Duration scheduleDelay,
		Duration shutdownTimeout, int failureThreshold, boolean quietExporterLogs, boolean agentSpansOnly) {

	ExportSettings {
		headers = Map.copyOf(headers);
	}

	boolean hasApiKey() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	/** As {@code cascade.export.protocol} spells it in logs. */
	String protocolName() {
		return this.grpc ? "GRPC" : "HTTP_PROTOBUF";
	}

}
