package com.runcascade.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.jspecify.annotations.Nullable;

/**
 * A local OTLP/HTTP traces receiver: decodes each export request with the official
 * {@code io.opentelemetry.proto} classes and keeps it, with its path and headers, for assertions
 * ({@link #start()}), or hands it to a listener without keeping it, as {@link Main} does to print
 * trace trees. Needs {@code io.opentelemetry.proto:opentelemetry-proto} on the classpath (an
 * optional dependency of this module).
 */
public final class OtlpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	/**
	 * Start a receiver on a free loopback port that keeps every request it receives.
	 * @return the running receiver
	 * @throws IOException when the server cannot start
	 */
	public static OtlpReceiver start() throws IOException {
		return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true, (request) -> {
		});
	}

	/**
	 * Start a receiver.
	 * @param address where to listen
	 * @param keep whether to keep the requests for {@link #received()} (a long-running receiver
	 * should not)
	 * @param listener called with each request received, on the server's thread
	 * @return the running receiver
	 * @throws IOException when the server cannot start
	 */
	static OtlpReceiver start(InetSocketAddress address, boolean keep, Consumer<ExportTraceServiceRequest> listener)
			throws IOException {
		HttpServer server = HttpServer.create(address, 0);
		OtlpReceiver receiver = new OtlpReceiver(server);
		server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				ExportTraceServiceRequest request;
				try {
					request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
				}
				catch (InvalidProtocolBufferException ex) {
					// Likely OTLP/JSON or gRPC sent to the wrong port: say so rather than fail silently.
					exchange.sendResponseHeaders(400, -1);
					return;
				}
				if (keep) {
					receiver.received.add(new Received(exchange.getRequestURI().getPath(),
							Map.copyOf(exchange.getRequestHeaders().entrySet()
								.stream()
								.collect(java.util.stream.Collectors.toMap((e) -> e.getKey().toLowerCase(),
										(e) -> e.getValue().get(0), (a, b) -> a))),
							request));
				}
				listener.accept(request);
				byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, response.length);
				exchange.getResponseBody().write(response);
			}
			finally {
				exchange.close();
			}
		});
		server.start();
		return receiver;
	}

	public String endpoint(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public List<Received> received() {
		return this.received;
	}

	public List<Span> spans() {
		return this.received.stream()
			.flatMap((r) -> r.request().getResourceSpansList().stream())
			.flatMap((rs) -> rs.getScopeSpansList().stream())
			.flatMap((ss) -> ss.getSpansList().stream())
			.toList();
	}

	public List<ResourceSpans> resourceSpans() {
		return this.received.stream().flatMap((r) -> r.request().getResourceSpansList().stream()).toList();
	}

	/** Wait (bounded) until the received spans satisfy a condition. */
	public void awaitSpans(Predicate<List<Span>> condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.test(spans())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						"OTLP receiver did not get the expected spans; got " + spans().stream().map(Span::getName).toList());
			}
			Thread.sleep(20);
		}
	}

	public static @Nullable String attribute(List<KeyValue> attributes, String key) {
		return attributes.stream()
			.filter((kv) -> kv.getKey().equals(key))
			.map(KeyValue::getValue)
			.map(AnyValue::getStringValue)
			.findFirst()
			.orElse(null);
	}

	public static Span span(List<Span> spans, String name) {
		return spans.stream()
			.filter((s) -> s.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream().map(Span::getName).toList()));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	public record Received(String path, Map<String, String> headers, ExportTraceServiceRequest request) {
	}

}
