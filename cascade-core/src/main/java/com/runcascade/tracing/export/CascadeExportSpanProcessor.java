package com.runcascade.tracing.export;

import java.util.Map;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;

/**
 * Sends spans to the Cascade endpoint through its own batch processor on the application's one
 * tracer provider. Its own queue (bounded, dropping when full) keeps a slow or absent Cascade
 * backend from affecting the request threads or any other exporter the application has.
 */
public final class CascadeExportSpanProcessor implements EndOnlySpanProcessor {

	private static final Logger logger = LoggerFactory.getLogger(CascadeExportSpanProcessor.class);

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
	 * Build the processor from its settings; export is off (and says so once) when the default
	 * endpoint has no API key.
	 * @param settings the export settings
	 * @return the processor
	 */
	public static CascadeExportSpanProcessor create(ExportSettings settings) {
		String endpoint = settings.endpoint();
		boolean hasKey = settings.hasApiKey();
		if (!hasKey && settings.defaultEndpoint()) {
			logger.info("Cascade export is off: no cascade.api-key (CASCADE_API_KEY) is set for " + endpoint
					+ ". Spans still reach any other exporter of the application.");
			return new CascadeExportSpanProcessor(null, endpoint, health(settings), false);
		}
		warnOnProtocolMismatch(settings.grpc(), endpoint);
		SpanExporter exporter = exporter(settings, hasKey);
		ExportHealth health = health(settings);
		SpanProcessor batch = new BoundedExportProcessor(exporter, health, settings.maxQueueSize(),
				Math.min(512, settings.maxQueueSize()), settings.scheduleDelay(), settings.timeout(),
				settings.shutdownTimeout());
		if (settings.quietExporterLogs()) {
			ExporterLogThrottle.install();
		}
		logger.info("Cascade exports spans to " + health.endpoint() + " over " + settings.protocolName());
		return new CascadeExportSpanProcessor(batch, endpoint, health, settings.agentSpansOnly());
	}

	private static ExportHealth health(ExportSettings settings) {
		return new ExportHealth(settings.endpoint(), settings.maxQueueSize(), settings.failureThreshold());
	}

	/** The two mistakes that export nothing and, from the exporter, say nothing useful. */
	static void warnOnProtocolMismatch(boolean grpc, String endpoint) {
		java.net.URI uri;
		try {
			uri = java.net.URI.create(endpoint);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Cascade export endpoint is not a valid URL: " + ExportHealth.safeEndpoint(endpoint));
			return;
		}
		String path = (uri.getPath() != null) ? uri.getPath() : "";
		if (grpc && path.endsWith("/v1/traces")) {
			logger.warn("Cascade export uses gRPC but " + ExportHealth.safeEndpoint(endpoint)
					+ " looks like an OTLP/HTTP URL (/v1/traces); nothing will be exported. Set "
					+ "cascade.export.protocol=http_protobuf, or point cascade.endpoint at the gRPC port (usually 4317) without a path.");
		}
		else if (!grpc && uri.getPort() == 4317) {
			logger.warn("Cascade export uses OTLP/HTTP but " + ExportHealth.safeEndpoint(endpoint)
					+ " is on port 4317, the usual OTLP/gRPC port; nothing will be exported. Set "
					+ "cascade.export.protocol=grpc, or use the HTTP port (usually 4318) with /v1/traces.");
		}
	}

	/**
	 * What happened to the spans handed to this processor.
	 * @return the export health
	 */
	public ExportHealth health() {
		return this.health;
	}

	@Nullable SpanProcessor delegate() {
		return this.delegate;
	}

	private static SpanExporter exporter(ExportSettings settings, boolean hasKey) {
		String endpoint = settings.endpoint();
		Map<String, String> headers = settings.headers();
		String authorization = hasKey ? "Bearer " + settings.apiKey() : null;
		if (settings.grpc()) {
			OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
				.setEndpoint(endpoint)
				.setTimeout(settings.timeout())
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
			.setTimeout(settings.timeout())
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
