package com.runcascade.tracing.viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy on loopback, as small as a test needs: it takes one GET per connection, sends it
 * to {@code 127.0.0.1:<upstream port>} the way the given {@link Forwarding} says (HTTP version, Host,
 * headers added, the client's own headers passed on as nginx does) and relays the answer back.
 */
final class LoopbackReverseProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int upstreamPort;

	private final Forwarding forwarding;

	private final ExecutorService executor = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "loopback-proxy");
		thread.setDaemon(true);
		return thread;
	});

	LoopbackReverseProxy(int upstreamPort, Forwarding forwarding) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.upstreamPort = upstreamPort;
		this.forwarding = forwarding;
		this.executor.execute(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.executor.execute(() -> relay(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void relay(Socket client) {
		try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.upstreamPort)) {
			String[] lines = readHead(client.getInputStream()).split("\r\n");
			String[] requestLine = lines[0].split(" ");
			String clientAddress = client.getInetAddress().getHostAddress();
			StringBuilder request = new StringBuilder();
			request.append(requestLine[0]).append(' ').append(requestLine[1]).append(' ')
				.append(this.forwarding.version()).append("\r\n");
			String clientHost = null;
			Map<String, String> passedOn = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				String name = lines[i].substring(0, colon);
				String value = lines[i].substring(colon + 1).trim();
				switch (name.toLowerCase(Locale.ROOT)) {
					case "host" -> clientHost = value;
					case "connection" -> {
					}
					default -> passedOn.put(name, value);
				}
			}
			// nginx's default is Host: $proxy_host, the upstream's address; "proxy_set_header Host $host" keeps the client's.
			request.append("Host: ")
				.append(this.forwarding.keepHost() ? clientHost : "127.0.0.1:" + this.upstreamPort)
				.append("\r\n");
			this.forwarding.headers().forEach((name, value) -> request.append(name).append(": ")
				.append(value.replace("$remote_addr", clientAddress)).append("\r\n"));
			passedOn.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("Connection: close\r\n\r\n");
			upstream.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			upstream.getOutputStream().flush();
			upstream.getInputStream().transferTo(client.getOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The request line and headers, up to the empty line (the test sends no body). */
	static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r\n\r\n") ? text.substring(0, text.length() - 4) : text;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.executor.shutdownNow();
	}

	/**
	 * How the proxy forwards: the HTTP version it speaks upstream, whether it keeps the client's
	 * Host, and the headers it adds ({@code $remote_addr} stands for the client's address).
	 */
	record Forwarding(String name, String version, boolean keepHost, Map<String, String> headers) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
