import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP receiver that reads and discards every request and answers 200 with an empty
 * ExportTraceServiceResponse, so a long load run keeps no spans in memory. Prints the requests and
 * bytes received when it stops. Usage: java OtlpSink.java PORT
 */
public class OtlpSink {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		AtomicLong requests = new AtomicLong();
		AtomicLong bytes = new AtomicLong();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
		server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				bytes.addAndGet(body.transferTo(java.io.OutputStream.nullOutputStream()));
			}
			requests.incrementAndGet();
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.setExecutor(Executors.newFixedThreadPool(2));
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> System.err.println("otlp-sink: " + requests + " requests, " + bytes + " bytes")));
		server.start();
		Thread.currentThread().join();
	}

}
