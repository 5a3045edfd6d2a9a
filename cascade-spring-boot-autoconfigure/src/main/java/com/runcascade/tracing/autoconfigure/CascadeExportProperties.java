package com.runcascade.tracing.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How spans are sent to {@code cascade.endpoint}. */
@ConfigurationProperties("cascade.export")
public class CascadeExportProperties {

	/**
	 * OTLP transport: http/protobuf or grpc.
	 */
	private ExportProtocol protocol = ExportProtocol.HTTP_PROTOBUF;

	/**
	 * Longest wait for one export request.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Extra headers sent with every export request.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Most spans held in memory while waiting for export; more are dropped (and counted) when
	 * the backend is slow or down.
	 */
	private int maxQueueSize = 2048;

	/**
	 * Delay between two exports of queued spans.
	 */
	private Duration scheduleDelay = Duration.ofSeconds(1);

	/**
	 * Longest time shutdown spends exporting the spans still queued; the rest are dropped (and
	 * counted), so an unreachable backend never holds up the application's shutdown.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(3);

	/**
	 * Export requests failing in a row after which the "cascade" health indicator reports DOWN.
	 */
	private int failureThreshold = 3;

	/**
	 * Whether the OTLP exporters' own failure logging (java.util.logging, shared by every OTLP
	 * exporter of the application) is limited to one line a minute without stack traces.
	 */
	private boolean quietExporterLogs = true;

	/**
	 * Whether only Cascade's own spans (runs, agents, LLM calls, tools, functions) and spans started
	 * inside an agent or a session are sent to cascade.endpoint. Other spans of the application (a
	 * plain HTTP request, for example) then stay with its other exporters, if any.
	 */
	private boolean agentSpansOnly = false;

	public boolean isAgentSpansOnly() {
		return this.agentSpansOnly;
	}

	public void setAgentSpansOnly(boolean agentSpansOnly) {
		this.agentSpansOnly = agentSpansOnly;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	public boolean isQuietExporterLogs() {
		return this.quietExporterLogs;
	}

	public void setQuietExporterLogs(boolean quietExporterLogs) {
		this.quietExporterLogs = quietExporterLogs;
	}

	public ExportProtocol getProtocol() {
		return this.protocol;
	}

	public void setProtocol(ExportProtocol protocol) {
		this.protocol = protocol;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public int getMaxQueueSize() {
		return this.maxQueueSize;
	}

	public void setMaxQueueSize(int maxQueueSize) {
		this.maxQueueSize = maxQueueSize;
	}

	public Duration getScheduleDelay() {
		return this.scheduleDelay;
	}

	public void setScheduleDelay(Duration scheduleDelay) {
		this.scheduleDelay = scheduleDelay;
	}

}
