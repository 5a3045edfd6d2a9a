package com.runcascade.tracing.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** OTLP endpoints on loopback that misbehave the ways a real backend does. */
final class FaultyReceiver implements AutoCloseable {

	private final int port;

	private final AutoCloseable resource;

	/** Export requests received (HTTP receivers only). */
	final AtomicInteger requests;

	private FaultyReceiver(int port, AutoCloseable resource) {
		this(port, resource, new AtomicInteger());
	}

	private FaultyReceiver(int port, AutoCloseable resource, AtomicInteger requests) {
		this.port = port;
		this.resource = resource;
		this.requests = requests;
	}

	/** Nothing listens: connections are refused. */
	static FaultyReceiver closedPort() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		return new FaultyReceiver(port, () -> {
		});
	}

	/** Accepts connections (the kernel does) and never answers. */
	static FaultyReceiver hung() throws IOException {
		ServerSocket socket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
		return new FaultyReceiver(socket.getLocalPort(), socket);
	}

	/** Answers every export with HTTP 500. */
	static FaultyReceiver failing() throws IOException {
		return http(500, 0);
	}

	/** Answers every export with 200, after the given delay. */
	static FaultyReceiver slow(long delayMillis) throws IOException {
		return http(200, delayMillis);
	}

	private static FaultyReceiver http(int status, long delayMillis) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
		AtomicInteger requests = new AtomicInteger();
		server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
				requests.incrementAndGet();
				if (delayMillis > 0) {
					Thread.sleep(delayMillis);
				}
				exchange.sendResponseHeaders(status, -1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				exchange.close();
			}
		});
		java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(4);
		server.setExecutor(executor);
		server.start();
		return new FaultyReceiver(server.getAddress().getPort(), () -> {
			server.stop(0);
			executor.shutdownNow();
		}, requests);
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.port + "/v1/traces";
	}

	@Override
	public void close() throws Exception {
		this.resource.close();
	}

}
