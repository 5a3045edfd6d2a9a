package com.runcascade.tracing.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.viewer.LoopbackReverseProxy.Forwarding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer of a real servlet application on a loopback port, asked directly and through a
 * reverse proxy on the same host ({@link LoopbackReverseProxy}), under each
 * {@code server.forward-headers-strategy}. The application is left to decide on its own whether the
 * viewer is on: nothing is exported, so it is.
 */
@ExtendWith(OutputCaptureExtension.class)
class ViewerBehindProxyTests {

	private static final String PROMPT = "the secret plan for Tokyo";

	/** Proxies that the viewer tells from a local client, each as a real proxy would be set up. */
	private static final List<Forwarding> DETECTED = List.of(
			new Forwarding("nginx's bare default proxy_pass: HTTP/1.0, Host of the upstream, no header", "HTTP/1.0",
					false, Map.of()),
			new Forwarding("X-Forwarded-For $proxy_add_x_forwarded_for (the client is on loopback)", "HTTP/1.1", false,
					Map.of("X-Forwarded-For", "$remote_addr")),
			new Forwarding("X-Forwarded-For of a client on the internet", "HTTP/1.1", false,
					Map.of("X-Forwarded-For", "203.0.113.5")),
			new Forwarding("Forwarded: for=<client>", "HTTP/1.1", false, Map.of("Forwarded", "for=203.0.113.5")),
			new Forwarding("Forwarded: for=127.0.0.1;host=localhost", "HTTP/1.1", false,
					Map.of("Forwarded", "for=127.0.0.1;proto=http;host=localhost")),
			new Forwarding("X-Real-IP $remote_addr", "HTTP/1.1", false, Map.of("X-Real-IP", "$remote_addr")),
			new Forwarding("nginx's usual block: Host $host, X-Real-IP, X-Forwarded-For, X-Forwarded-Proto", "HTTP/1.0",
					true, Map.of("X-Real-IP", "$remote_addr", "X-Forwarded-For", "$remote_addr", "X-Forwarded-Proto",
							"http")),
			new Forwarding("X-Forwarded-Host alone", "HTTP/1.1", true, Map.of("X-Forwarded-Host", "localhost")),
			new Forwarding("X-Forwarded-Proto alone", "HTTP/1.1", false, Map.of("X-Forwarded-Proto", "https")),
			new Forwarding("X-Forwarded-Port alone", "HTTP/1.1", false, Map.of("X-Forwarded-Port", "443")),
			new Forwarding("X-Forwarded-Prefix alone", "HTTP/1.1", false, Map.of("X-Forwarded-Prefix", "/app")),
			new Forwarding("X-Forwarded-Server alone (Apache mod_proxy adds it)", "HTTP/1.1", false,
					Map.of("X-Forwarded-Server", "proxy.example")),
			new Forwarding("Via alone", "HTTP/1.1", false, Map.of("Via", "1.1 proxy")));

	/** A proxy that speaks HTTP/1.1 and adds nothing looks exactly like a local client. */
	private static final Forwarding UNDETECTABLE = new Forwarding(
			"HTTP/1.1 (nginx: proxy_http_version 1.1), Host of the upstream, no header", "HTTP/1.1", false, Map.of());

	@ParameterizedTest(name = "server.forward-headers-strategy={0}")
	@ValueSource(strings = { "none", "native", "framework" })
	void answersDirectRequestsAndRefusesEveryOneThatCameThroughAProxy(String strategy, CapturedOutput output)
			throws Exception {
		try (ConfigurableApplicationContext application = start(strategy)) {
			int port = BootLine.port(application);
			String trace = "/cascade/api/traces/" + recordARun(application);

			for (String host : List.of("127.0.0.1:" + port, "localhost:" + port)) {
				Response direct = get(port, "/cascade/api/sessions", host);
				assertThat(direct.status()).as("direct, Host: %s", host).isEqualTo(200);
			}
			assertThat(get(port, trace, "localhost:" + port).body()).contains(PROMPT);

			for (Forwarding forwarding : DETECTED) {
				try (LoopbackReverseProxy proxy = new LoopbackReverseProxy(port, forwarding)) {
					for (String path : List.of(trace, "/cascade/api/sessions", "/cascade", "/cascade/viewer.js")) {
						Response proxied = get(proxy.port(), path, "127.0.0.1:" + proxy.port());
						assertThat(proxied.status()).as("%s through %s", path, forwarding).isEqualTo(403);
						assertThat(proxied.body()).as("%s through %s", path, forwarding)
							.startsWith("Cascade trace viewer: refused, this request came through a proxy")
							.doesNotContain(PROMPT);
					}
				}
			}
			try (LoopbackReverseProxy proxy = new LoopbackReverseProxy(port, UNDETECTABLE)) {
				// The documented limit: nothing in such a request tells it from a local one.
				assertThat(get(proxy.port(), trace, "127.0.0.1:" + proxy.port()).body()).contains(PROMPT);
			}
		}
		assertThat(output).contains("Cascade trace viewer at /cascade for direct requests from this machine only: "
				+ "on because nothing is exported");
	}

	@ParameterizedTest(name = "server.forward-headers-strategy={0}")
	@ValueSource(strings = { "native", "framework" })
	void refusesWhatTheApplicationItselfCannotTellFromALocalRequest(String strategy) throws Exception {
		try (ConfigurableApplicationContext application = start(strategy)) {
			int port = BootLine.port(application);
			Forwarding nginx = new Forwarding("X-Forwarded-For $proxy_add_x_forwarded_for", "HTTP/1.1", false,
					Map.of("X-Forwarded-For", "$remote_addr"));
			try (LoopbackReverseProxy proxy = new LoopbackReverseProxy(port, nginx)) {
				// Tomcat's RemoteIpValve or Spring's ForwardedHeaderFilter took the header as the client
				// address and removed it: to the application this is a request from 127.0.0.1.
				assertThat(get(proxy.port(), "/echo", "127.0.0.1:" + proxy.port()).body())
					.isEqualTo("127.0.0.1 X-Forwarded-For=null");
				assertThat(get(proxy.port(), "/cascade/api/sessions", "127.0.0.1:" + proxy.port()).status())
					.isEqualTo(403);
			}
		}
	}

	@Test
	void refusesTheHeadersTomcatWasToldToReadWhateverTheirNames() throws Exception {
		try (ConfigurableApplicationContext application = start("native",
				"server.tomcat.remoteip.remote-ip-header=X-Client-Address")) {
			int port = BootLine.port(application);
			Forwarding custom = new Forwarding("X-Client-Address $remote_addr", "HTTP/1.1", false,
					Map.of("X-Client-Address", "$remote_addr"));
			try (LoopbackReverseProxy proxy = new LoopbackReverseProxy(port, custom)) {
				assertThat(get(proxy.port(), "/echo", "127.0.0.1:" + proxy.port()).body()).startsWith("127.0.0.1 ");
				Response proxied = get(proxy.port(), "/cascade/api/sessions", "127.0.0.1:" + proxy.port());
				assertThat(proxied.status()).isEqualTo(403);
				assertThat(proxied.body()).contains("(x-client-address header)");
			}
			assertThat(get(port, "/cascade/api/sessions", "localhost:" + port).status()).isEqualTo(200);
		}
	}

	private static ConfigurableApplicationContext start(String strategy, String... properties) {
		return new SpringApplicationBuilder(ProxiedApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"spring.main.web-application-type=servlet", "spring.ai.openai.api-key=not-used",
					"spring.ai.anthropic.api-key=not-used", "server.forward-headers-strategy=" + strategy)
			.properties(properties)
			.run();
	}

	/** A run with a prompt in it, as the viewer would serve it; returns its trace id. */
	private static String recordARun(ConfigurableApplicationContext application) {
		CascadeTracer tracer = application.getBean(CascadeTracer.class);
		try (CascadeScope run = tracer.traceRun("ChatTurn")) {
			application.getBean(OpenTelemetry.class)
				.getTracer("test")
				.spanBuilder("llm.claude-sonnet-4")
				.setAttribute("cascade.span_type", "llm")
				.setAttribute("llm.prompt", PROMPT)
				.startSpan()
				.end();
			return Span.current().getSpanContext().getTraceId();
		}
	}

	/** One GET over a fresh connection, HTTP/1.1 as browsers and curl send it. */
	private static Response get(int port, String path, String host) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: test\r\nAccept: */*\r\n"
					+ "Connection: close\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			String head = LoopbackReverseProxy.readHead(in);
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			if (head.toLowerCase().contains("transfer-encoding: chunked")) {
				body = unchunk(body);
			}
			return new Response(Integer.parseInt(head.split(" ", 3)[1]), body);
		}
	}

	private static String unchunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	record Response(int status, String body) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoController.class)
	static class ProxiedApplication {

	}

	@RestController
	static class EchoController {

		@GetMapping("/echo")
		String echo(HttpServletRequest request) {
			return request.getRemoteAddr() + " X-Forwarded-For=" + request.getHeader("X-Forwarded-For");
		}

	}

}
