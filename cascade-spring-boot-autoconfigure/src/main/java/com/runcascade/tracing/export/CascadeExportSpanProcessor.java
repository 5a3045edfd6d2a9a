package com.runcascade.tracing.export;

import java.util.Map;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.autoconfigure.CascadeProperties;

/**
 * Sends spans to the Cascade endpoint through its own batch processor on the application's one
 * tracer provider. Its own queue (bounded, dropping when full) keeps a slow or absent Cascade
 * backend from affecting the request threads or any other exporter the application has.
 */
final class CascadeExportSpanProcessor implements SpanProcessor {

	private static final Log logger = LogFactory.getLog(CascadeExportSpanProcessor.class);

	private final @Nullable SpanProcessor delegate;

	private final String endpoint;

	private final ExportHealth health;

	private final boolean agentSpansOnly;

	private CascadeExportSpanProcessor(@Nullable SpanProcessor delegate, String endpoint, ExportHealth health,
			boolean agentSpansOnly) {
		this.delegate = delegate;
		this.endpoint = endpoint;
		this.health = health;
		this.agentSpansOnly = agentSpansOnly;
	}

	/**
	 * Build the processor from the properties; export is off (and says so once) when the default
	 * endpoint has no API key.
	 * @param properties Cascade properties
	 * @return the processor
	 */
	static CascadeExportSpanProcessor create(CascadeProperties properties) {
		String endpoint = properties.getEndpoint();
		boolean hasKey = StringUtils.hasText(properties.getApiKey());
		if (!hasKey && CascadeProperties.DEFAULT_ENDPOINT.equals(endpoint)) {
			logger.info("Cascade export is off: no cascade.api-key (CASCADE_API_KEY) is set for " + endpoint
					+ ". Spans still reach any other exporter of the application.");
			return new CascadeExportSpanProcessor(null, endpoint, health(properties), false);
		}
		CascadeProperties.Export export = properties.getExport();
		warnOnProtocolMismatch(export.getProtocol(), endpoint);
		SpanExporter exporter = exporter(properties, endpoint, hasKey);
		ExportHealth health = health(properties);
		SpanProcessor batch = new BoundedExportProcessor(exporter, health, export.getMaxQueueSize(),
				Math.min(512, export.getMaxQueueSize()), export.getScheduleDelay(), export.getTimeout(),
				export.getShutdownTimeout());
		if (export.isQuietExporterLogs()) {
			ExporterLogThrottle.install();
		}
		logger.info("Cascade exports spans to " + health.endpoint() + " over " + export.getProtocol());
		return new CascadeExportSpanProcessor(batch, endpoint, health, export.isAgentSpansOnly());
	}

	private static ExportHealth health(CascadeProperties properties) {
		return new ExportHealth(properties.getEndpoint(), properties.getExport().getMaxQueueSize(),
				properties.getExport().getFailureThreshold());
	}

	/** The two mistakes that export nothing and, from the exporter, say nothing useful. */
	static void warnOnProtocolMismatch(CascadeProperties.Protocol protocol, String endpoint) {
		java.net.URI uri;
		try {
			uri = java.net.URI.create(endpoint);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Cascade export endpoint is not a valid URL: " + ExportHealth.safeEndpoint(endpoint));
			return;
		}
		String path = (uri.getPath() != null) ? uri.getPath() : "";
		if (protocol == CascadeProperties.Protocol.GRPC && path.endsWith("/v1/traces")) {
			logger.warn("Cascade export uses gRPC but " + ExportHealth.safeEndpoint(endpoint)
					+ " looks like an OTLP/HTTP URL (/v1/traces); nothing will be exported. Set "
					+ "cascade.export.protocol=http_protobuf, or point cascade.endpoint at the gRPC port (usually 4317) without a path.");
		}
		else if (protocol == CascadeProperties.Protocol.HTTP_PROTOBUF && uri.getPort() == 4317) {
			logger.warn("Cascade export uses OTLP/HTTP but " + ExportHealth.safeEndpoint(endpoint)
					+ " is on port 4317, the usual OTLP/gRPC port; nothing will be exported. Set "
					+ "cascade.export.protocol=grpc, or use the HTTP port (usually 4318) with /v1/traces.");
		}
	}

	/**
	 * What happened to the spans handed to this processor.
	 * @return the export health
	 */
	ExportHealth health() {
		return this.health;
	}

	@Nullable SpanProcessor delegate() {
		return this.delegate;
	}

	private static SpanExporter exporter(CascadeProperties properties, String endpoint, boolean hasKey) {
		CascadeProperties.Export export = properties.getExport();
		Map<String, String> headers = export.getHeaders();
		String authorization = hasKey ? "Bearer " + properties.getApiKey() : null;
		if (export.getProtocol() == CascadeProperties.Protocol.GRPC) {
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
				.setEndpoint(endpoint)
				.setTimeout(export.getTimeout())
				.setMeterProvider(MeterProvider::noop);
			headers.forEach(builder::addHeader);
			if (authorization != null) {
				builder.addHeader("Authorization", authorization);
			}
			return builder.build();
		}
		// The exporters' own metrics would otherwise be read from GlobalOpenTelemetry, which a Boot
		// application never sets (and which we must not touch).
		OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
			.setEndpoint(endpoint)
			.setTimeout(export.getTimeout())
			.setMeterProvider(MeterProvider::noop);
		headers.forEach(builder::addHeader);
		if (authorization != null) {
			builder.addHeader("Authorization", authorization);
		}
		return builder.build();
	}

	/**
	 * Whether spans are sent anywhere.
	 * @return whether export is on
	 */
	public boolean isExporting() {
		return this.delegate != null;
	}

	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (this.delegate != null && (!this.agentSpansOnly || isAgentSpan(span))) {
			this.delegate.onEnd(span);
		}
	}

	/** A Cascade span, or one started inside an agent or a session (tagged by CascadeContextSpanProcessor). */
	static boolean isAgentSpan(ReadableSpan span) {
		return span.getAttribute(CascadeAttributes.SPAN_TYPE) != null || span.getAttribute(CascadeAttributes.AGENT_NAME) != null
				|| span.getAttribute(CascadeAttributes.SESSION_ID) != null;
	}

	@Override
	public boolean isEndRequired() {
		return this.delegate != null;
	}

	@Override
	public CompletableResultCode shutdown() {
		return (this.delegate != null) ? this.delegate.shutdown() : CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode forceFlush() {
		return (this.delegate != null) ? this.delegate.forceFlush() : CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "CascadeExportSpanProcessor[endpoint=" + this.endpoint + ", exporting=" + isExporting() + "]";
	}

}
