package com.runcascade.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.otlp.traces.LowAllocationTraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.runcascade.tracing.CascadeScope;

/**
 * The CPU of exporting a batch of 512 spans, the spans of 128 traced requests of the app-level
 * comparison (an HTTP server span, a run, an agent and a tool with its captured arguments and
 * result). {@code cascade} is what Cascade's export thread does per batch: each span's data, then
 * the exporter. {@code boot} is what Boot's batch processor does: the same, with the exporter behind
 * Micrometer's {@code CompositeSpanExporter} as Boot's auto-configuration sets it up. Divide by 512
 * for the cost per span.
 *
 * <p>
 * The exporter at the end marshals the batch to OTLP protobuf exactly as the OTLP exporters do by
 * default (their low-allocation marshaler, an internal OpenTelemetry class) and writes it nowhere:
 * the network round trip is the same for both paths, and over loopback its latency (tens of
 * milliseconds of TCP acknowledgement delays between the OkHttp client and a JDK server) would hide
 * the difference.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class ExportBenchmark {

	/** Boot's and Cascade's batch size. */
	static final int BATCH = 512;

	/** The recorded spans and the two export paths. */
	@State(Scope.Benchmark)
	public static class Batch {

		final List<ReadableSpan> spans = new ArrayList<>(BATCH);

		SpanExporter cascade;

		SpanExporter boot;

		@Setup(Level.Trial)
		public void setUp() throws Exception {
			try (TracingFixture application = new TracingFixture(true,
					(context) -> context.registerBean(FlightTools.class))) {
				application.spans.keepFirst(BATCH);
				FlightTools tools = application.bean(FlightTools.class);
				Tracer server = application.openTelemetry.getTracer("org.springframework.boot");
				while (application.spans.kept().size() < BATCH) {
					Span request = server.spanBuilder("http get /plan")
						.setSpanKind(SpanKind.SERVER)
						.setAttribute("http.request.method", "GET")
						.setAttribute("http.route", "/plan")
						.setAttribute("url.path", "/plan")
						.setAttribute("http.response.status_code", 200L)
						.setAttribute("outcome", "SUCCESS")
						.startSpan();
					try (io.opentelemetry.context.Scope scope = request.makeCurrent();
							CascadeScope run = application.tracer.traceRun("PlanTrip");
							CascadeScope agent = application.tracer.traceAgent("Planner")) {
						tools.searchFlights("JFK", "NRT", 2);
					}
					finally {
						request.end();
					}
				}
				this.spans.addAll(application.spans.kept());
			}
			this.cascade = new MarshalingExporter();
			this.boot = new CompositeSpanExporter(List.of(new MarshalingExporter()), List.of(), List.of(), List.of());
			if (this.spans.size() != BATCH || !export(this.cascade, this.spans) || !export(this.boot, this.spans)) {
				throw new IllegalStateException("Both paths should export the recorded batch");
			}
		}

	}

	/** Marshals each batch as the OTLP exporters do by default, and sends it nowhere. */
	static final class MarshalingExporter implements SpanExporter {

		private final LowAllocationTraceRequestMarshaler marshaler = new LowAllocationTraceRequestMarshaler();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			try {
				this.marshaler.initialize(spans);
				this.marshaler.writeBinaryTo(OutputStream.nullOutputStream());
				return CompletableResultCode.ofSuccess();
			}
			catch (IOException ex) {
				return CompletableResultCode.ofFailure();
			}
			finally {
				this.marshaler.reset();
			}
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	@Benchmark
	public boolean cascade(Batch batch) {
		return export(batch.cascade, batch.spans);
	}

	@Benchmark
	public boolean boot(Batch batch) {
		return export(batch.boot, batch.spans);
	}

	static boolean export(SpanExporter exporter, List<ReadableSpan> spans) {
		List<SpanData> batch = new ArrayList<>(spans.size());
		for (ReadableSpan span : spans) {
			batch.add(span.toSpanData());
		}
		CompletableResultCode result = exporter.export(batch);
		return result.isSuccess();
	}

}
