import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Soak of the sample chatbot (run by scripts/soak.sh, not by CI): for each receiver mode it starts
 * an OTLP/HTTP receiver on loopback, starts the sample jar exporting to it, sends the requests from
 * concurrent sessions, forces a GC and reads the heap, stops the app with SIGTERM and times the
 * shutdown, then prints failed requests, spans lost and the other figures.
 *
 * Usage: java -cp <opentelemetry-proto and protobuf jars> scripts/Soak.java <sample jar> <requests> <modes...>
 * Modes: healthy (200), failing (HTTP 500), hung (accepts, never answers).
 */
public class Soak {

	static final int CONCURRENCY = 16;

	static final int TURNS_PER_SESSION = 10;

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		int requests = Integer.parseInt(args[1]);
		List<String> modes = (args.length > 2) ? List.of(args).subList(2, args.length) : List.of("healthy", "failing");
		List<String> rows = new ArrayList<>();
		for (String mode : modes) {
			rows.add(run(jar, requests, mode));
		}
		System.out.println();
		System.out.println("| Receiver | Requests | Failed requests | Spans (exported / failed / dropped) | Spans lost | Received by the receiver | Throughput | p50 / p99 latency | Heap after GC | Shutdown |");
		System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
		rows.forEach(System.out::println);
	}

	static String run(Path jar, int requests, String mode) throws Exception {
		AtomicLong receivedSpans = new AtomicLong();
		AutoCloseable receiver;
		int receiverPort;
		if (mode.equals("hung")) {
			ServerSocket socket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
			receiver = socket;
			receiverPort = socket.getLocalPort();
		}
		else {
			int status = mode.equals("healthy") ? 200 : 500;
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
			server.createContext("/", (exchange) -> {
				try (InputStream body = exchange.getRequestBody()) {
					ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
					if (status == 200) {
						request.getResourceSpansList()
							.forEach((rs) -> rs.getScopeSpansList().forEach((ss) -> receivedSpans.addAndGet(ss.getSpansCount())));
					}
					exchange.sendResponseHeaders(status, -1);
				}
				finally {
					exchange.close();
				}
			});
			server.setExecutor(Executors.newFixedThreadPool(2));
			server.start();
			receiver = () -> server.stop(0);
			receiverPort = server.getAddress().getPort();
		}
		int appPort = freePort();
		Path log = Files.createTempFile("soak-" + mode + "-", ".log");
		Process app = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(), "--server.port=" + appPort,
				"--cascade.endpoint=http://127.0.0.1:" + receiverPort + "/v1/traces", "--cascade.api-key=soak-key",
				"--cascade.console.enabled=false", "--cascade.export.timeout=5s")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			awaitUp(http, appPort, app);
			AtomicInteger failed = new AtomicInteger();
			AtomicInteger next = new AtomicInteger();
			List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
			long start = System.nanoTime();
			try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY)) {
				for (int worker = 0; worker < CONCURRENCY; worker++) {
					int id = worker;
					pool.submit(() -> {
						int turn = 0;
						int sessionNumber = 0;
						int i;
						while ((i = next.getAndIncrement()) < requests) {
							String session = "soak-" + mode + "-" + id + "-" + sessionNumber;
							long began = System.nanoTime();
							int status = post(http, appPort, "/api/chat", session,
									"{\"message\":\"Find me flights to Tokyo, request " + i + "\"}");
							latencies.add(System.nanoTime() - began);
							if (status != 200) {
								failed.incrementAndGet();
							}
							if (++turn == TURNS_PER_SESSION) {
								post(http, appPort, "/api/chat/end", session, "");
								turn = 0;
								sessionNumber++;
							}
						}
						return null;
					});
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			String heap = heapAfterGc(app.pid());
			long stopBegan = System.nanoTime();
			app.destroy();
			if (!app.waitFor(120, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
			long shutdownMillis = (System.nanoTime() - stopBegan) / 1_000_000;
			String output = Files.readString(log);
			Matcher stopped = Pattern.compile("stopped: (\\d+) span\\(s\\) exported, (\\d+) failed, (\\d+) dropped")
				.matcher(output);
			long exported = -1;
			long failedSpans = -1;
			long dropped = -1;
			if (stopped.find()) {
				exported = Long.parseLong(stopped.group(1));
				failedSpans = Long.parseLong(stopped.group(2));
				dropped = Long.parseLong(stopped.group(3));
			}
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			long p50 = sorted.get(sorted.size() / 2) / 1_000_000;
			long p99 = sorted.get((int) (sorted.size() * 0.99)) / 1_000_000;
			System.out.printf("%s: %d requests, %d failed, %.0f req/s; spans %d exported, %d failed, %d dropped; "
					+ "receiver got %d; heap after GC %s; shutdown %d ms; log %s%n", mode, requests, failed.get(),
					requests / seconds, exported, failedSpans, dropped, receivedSpans.get(), heap, shutdownMillis, log);
			return String.format("| %s | %,d | %d | %,d / %,d / %,d | %,d | %,d | %.0f req/s | %d / %d ms | %s | %.1f s |",
					mode, requests, failed.get(), exported, failedSpans, dropped, failedSpans + dropped,
					receivedSpans.get(), requests / seconds, p50, p99, heap, shutdownMillis / 1000.0);
		}
		finally {
			if (app.isAlive()) {
				app.destroyForcibly();
			}
			receiver.close();
		}
	}

	static int post(HttpClient http, int port, String path, String session, String body) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.header("X-Cascade-Session-Id", session)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException | InterruptedException ex) {
			return -1;
		}
	}

	static void awaitUp(HttpClient http, int port, Process app) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new IllegalStateException("The sample exited during startup");
			}
			if (post(http, port, "/api/chat", "soak-warmup", "{\"message\":\"hello\"}") == 200) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The sample did not start within 120 s");
	}

	/** Runs a full GC in the app and reads the used heap, with the JDK's jcmd. */
	static String heapAfterGc(long pid) throws Exception {
		run("jcmd", String.valueOf(pid), "GC.run");
		String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
		Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
		return used.find() ? (Long.parseLong(used.group(1)) / 1024) + " MB" : "? (" + info.strip() + ")";
	}

	static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
