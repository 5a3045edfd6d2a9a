package com.runcascade.tracing.viewer;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.viewer.ViewerServlet.FirstHop;

import static org.assertj.core.api.Assertions.assertThat;

class ViewerServletTests {

	private final ViewerSpanStore store = new ViewerSpanStore(100, 10 * 1024 * 1024);

	private final InMemoryTracing tracing = InMemoryTracing.start(
			(context) -> context.registerBean("viewerStore", SpanProcessor.class, () -> this.store),
			"management.opentelemetry.resource-attributes[cascade.api_key_hint]=csk-secret-resource");

	private final CascadeTracer tracer = this.tracing.tracer();

	private final Tracer otelTracer = this.tracing.openTelemetry().getTracer("test");

	private final ViewerServlet servlet = new ViewerServlet(this.store, false);

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void close() {
		this.tracing.close();
	}

	/** A turn of a chat: run, two agents, two LLM calls, a failing tool with a function below it. */
	private String chatTurn(String session, int turn) {
		try (CascadeScope sessionScope = this.tracer.sessionScope(session);
				CascadeScope run = this.tracer.traceRun("ChatTurn", Map.of("turn", turn))) {
			try (CascadeScope planner = this.tracer.traceAgent("PlannerAgent")) {
				llm(120, 45, 0.001035, "<script>document.title='pwned'</script>");
				Span tool = this.otelTracer
					.spanBuilder("searchFlights")
					.setAttribute("cascade.span_type", "tool")
					.setAttribute("tool.input", "{\"destination\":\"Tokyo\"}")
					.startSpan();
				try (Scope scope = tool.makeCurrent()) {
					this.otelTracer
						.spanBuilder("parseFlights")
						.setAttribute("cascade.span_type", "function")
						.startSpan()
						.end();
				}
				tool.recordException(new IllegalStateException("no flights"));
				tool.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "no flights");
				tool.end();
			}
			try (CascadeScope executor = this.tracer.traceAgent("ExecutorAgent")) {
				llm(200, 80, 0.002, "answer");
			}
			return Span.current().getSpanContext().getTraceId();
		}
	}

	private void llm(long in, long out, double cost, String prompt) {
		this.otelTracer
			.spanBuilder("llm.claude-sonnet-4")
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute("cascade.span_type", "llm")
			.setAttribute("llm.model", "claude-sonnet-4")
			.setAttribute("llm.prompt", prompt)
			.setAttribute("llm.input_tokens", in)
			.setAttribute("llm.output_tokens", out)
			.setAttribute("llm.cost_usd", cost)
			.setAttribute("http.request.header.authorization", "Bearer sk-ant-secret")
			.startSpan()
			.end();
	}

	private MockHttpServletResponse get(String pathInfo, String remoteAddr, String host) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cascade" + ((pathInfo != null) ? pathInfo : ""));
		request.setServletPath("/cascade");
		request.setPathInfo(pathInfo);
		request.setRemoteAddr(remoteAddr);
		request.setServerName(host);
		int query = (pathInfo != null) ? pathInfo.indexOf('?') : -1;
		if (query >= 0) {
			request.setPathInfo(pathInfo.substring(0, query));
			request.setQueryString(pathInfo.substring(query + 1));
			for (String pair : pathInfo.substring(query + 1).split("&")) {
				String[] kv = pair.split("=", 2);
				request.addParameter(kv[0], (kv.length > 1) ? kv[1] : "");
			}
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.servlet.service(request, response);
		return response;
	}

	private MockHttpServletResponse get(String pathInfo) throws Exception {
		return get(pathInfo, "127.0.0.1", "localhost");
	}

	private JsonNode getJson(String pathInfo) throws Exception {
		MockHttpServletResponse response = get(pathInfo);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/json");
		return this.json.readTree(response.getContentAsByteArray());
	}

	@Test
	void sessionsListTheirRunsAndTotalsComputedFromTheLlmSpans() throws Exception {
		chatTurn("chat-1", 1);
		chatTurn("chat-1", 2);
		chatTurn("chat-2", 1);
		try (CascadeScope loose = this.tracer.traceRun("Nightly")) {
			// a run without a session
		}
		this.tracer.endSession("chat-1");

		JsonNode sessions = getJson("/api/sessions").get("sessions");
		assertThat(sessions).hasSize(3);
		JsonNode chat1 = find(sessions, "chat-1");
		assertThat(chat1.get("runs").asInt()).isEqualTo(2);
		assertThat(chat1.get("inputTokens").asLong()).isEqualTo(640);
		assertThat(chat1.get("outputTokens").asLong()).isEqualTo(250);
		assertThat(chat1.get("costUsd").asDouble()).isCloseTo(0.00607, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(chat1.get("errors").asInt()).isEqualTo(2);
		assertThat(chat1.get("ended").asBoolean()).isTrue();
		assertThat(chat1.get("firstStartMs").asDouble()).isLessThanOrEqualTo(chat1.get("lastActivityMs").asDouble());
		assertThat(find(sessions, "chat-2").get("ended").asBoolean()).isFalse();
		JsonNode noSession = sessions.get(2);
		assertThat(noSession.get("id").isNull()).isTrue();
		assertThat(noSession.get("runs").asInt()).isEqualTo(1);
	}

	@Test
	void aSessionsRunsComeInOrderWithTheirAgentsAndCounts() throws Exception {
		String first = chatTurn("chat-1", 1);
		String second = chatTurn("chat-1", 2);
		chatTurn("chat-2", 1);

		JsonNode body = getJson("/api/traces?session=chat-1");
		JsonNode traces = body.get("traces");
		assertThat(traces).hasSize(2);
		assertThat(traces.get(0).get("traceId").asText()).isEqualTo(first);
		assertThat(traces.get(1).get("traceId").asText()).isEqualTo(second);
		JsonNode run = traces.get(0);
		assertThat(run.get("name").asText()).isEqualTo("ChatTurn");
		assertThat(run.get("complete").asBoolean()).isTrue();
		assertThat(run.get("llmCalls").asInt()).isEqualTo(2);
		assertThat(run.get("toolCalls").asInt()).isEqualTo(1);
		assertThat(run.get("spans").asInt()).isEqualTo(7);
		assertThat(run.get("inputTokens").asLong()).isEqualTo(320);
		assertThat(run.get("agents")).extracting(JsonNode::asText).containsExactly("PlannerAgent", "ExecutorAgent");
		assertThat(body.get("session").get("runs").asInt()).isEqualTo(2);
	}

	@Test
	void aTraceHasEverySpanWithItsDetailsButNoHeaderAndNoResource() throws Exception {
		String traceId = chatTurn("chat-1", 1);

		MockHttpServletResponse response = get("/api/traces/" + traceId);
		String text = response.getContentAsString();
		assertThat(text).doesNotContain("sk-ant-secret", "authorization", "csk-secret-resource");
		JsonNode trace = this.json.readTree(text);
		JsonNode spans = trace.get("spans");
		assertThat(spans).extracting((span) -> span.get("type").asText())
			.containsExactly("function", "agent", "llm", "tool", "function", "agent", "llm");
		JsonNode run = spans.get(0);
		assertThat(trace.get("runSpanId").asText()).isEqualTo(run.get("spanId").asText());
		assertThat(run.get("parentSpanId").isNull()).isTrue();
		JsonNode llm = spans.get(2);
		assertThat(llm.get("parentSpanId").asText()).isEqualTo(spans.get(1).get("spanId").asText());
		assertThat(llm.get("agent").asText()).isEqualTo("PlannerAgent");
		assertThat(llm.get("model").asText()).isEqualTo("claude-sonnet-4");
		assertThat(llm.get("inputTokens").asLong()).isEqualTo(120);
		assertThat(llm.get("attributes").get("llm.prompt").asText()).isEqualTo("<script>document.title='pwned'</script>");
		assertThat(llm.get("attributes").get("cascade.session_id").asText()).isEqualTo("chat-1");
		JsonNode tool = spans.get(3);
		assertThat(tool.get("status").asText()).isEqualTo("ERROR");
		assertThat(tool.get("statusMessage").asText()).isEqualTo("no flights");
		JsonNode exception = tool.get("events").get(0);
		assertThat(exception.get("name").asText()).isEqualTo("exception");
		assertThat(exception.get("attributes").get("exception.stacktrace").asText())
			.contains("IllegalStateException: no flights", "at ");
		assertThat(spans.get(4).get("parentSpanId").asText()).isEqualTo(tool.get("spanId").asText());
	}

	@Test
	void aRunStillGoingIsListedAsIncompleteWithTheSpansThatEnded() throws Exception {
		String traceId;
		try (CascadeScope sessionScope = this.tracer.sessionScope("chat-live");
				CascadeScope run = this.tracer.traceRun("ChatTurn")) {
			llm(10, 5, Double.NaN, "hello");
			traceId = Span.current().getSpanContext().getTraceId();
			JsonNode live = getJson("/api/traces?session=chat-live").get("traces").get(0);
			assertThat(live.get("traceId").asText()).isEqualTo(traceId);
			assertThat(live.get("complete").asBoolean()).isFalse();
			assertThat(live.get("spans").asInt()).isEqualTo(1);
			// A cost that is not a number is left out rather than breaking the JSON.
			assertThat(live.get("costUsd").asDouble()).isZero();
			assertThat(getJson("/api/traces/" + traceId).get("spans").get(0).get("costUsd").isNull()).isTrue();
		}
		JsonNode done = getJson("/api/traces?session=chat-live").get("traces").get(0);
		assertThat(done.get("complete").asBoolean()).isTrue();
		assertThat(done.get("name").asText()).isEqualTo("ChatTurn");
	}

	@Test
	void withoutASessionParameterEveryRunIsListedAndAnEmptyOneSelectsTheRunsWithoutASession() throws Exception {
		chatTurn("chat-1", 1);
		try (CascadeScope loose = this.tracer.traceRun("Nightly")) {
			// a run without a session
		}
		assertThat(getJson("/api/traces").get("traces")).hasSize(2);
		JsonNode withoutSession = getJson("/api/traces?session=").get("traces");
		assertThat(withoutSession).singleElement().satisfies((run) -> {
			assertThat(run.get("name").asText()).isEqualTo("Nightly");
			assertThat(run.get("sessionId").isNull()).isTrue();
		});
	}

	@Test
	void anUnknownOrMalformedTraceIdIsNotFound() throws Exception {
		assertThat(get("/api/traces/0123456789abcdef0123456789abcdef").getStatus()).isEqualTo(404);
		assertThat(get("/api/traces/../../etc/passwd").getStatus()).isEqualTo(404);
		assertThat(get("/nothing-here").getStatus()).isEqualTo(404);
	}

	@Test
	void servesThePageAndItsFilesWithStrictHeaders() throws Exception {
		MockHttpServletResponse page = get(null);
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentType()).startsWith("text/html");
		assertThat(page.getContentAsString()).contains("cascade/viewer.js", "cascade/viewer.css");
		assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(ViewerServlet.CONTENT_SECURITY_POLICY)
			.contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
		assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(get("/viewer.js").getContentType()).startsWith("text/javascript");
		assertThat(get("/viewer.js").getContentAsString()).doesNotContain("innerHTML", "eval(");
		assertThat(get("/viewer.css").getContentType()).startsWith("text/css");
		MockHttpServletResponse api = get("/api/sessions");
		assertThat(api.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(api.getHeader("Content-Security-Policy")).isEqualTo(ViewerServlet.CONTENT_SECURITY_POLICY);
	}

	@Test
	void aTrailingSlashRedirectsToTheCanonicalAddress() throws Exception {
		MockHttpServletResponse response = get("/?session=chat-1");
		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/cascade?session=chat-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "10.0.0.5", "192.168.1.20", "2001:db8::1", "::ffff:10.0.0.5", "example.com" })
	void refusesClientsThatAreNotLoopbackWithAnEmpty403(String remoteAddr) throws Exception {
		chatTurn("chat-1", 1);
		for (String path : new String[] { null, "/api/sessions", "/viewer.js" }) {
			MockHttpServletResponse response = get(path, remoteAddr, "localhost");
			assertThat(response.getStatus()).isEqualTo(403);
			assertThat(response.getContentAsByteArray()).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.0.1.1", "::1", "0:0:0:0:0:0:0:1" })
	void answersLoopbackClients(String remoteAddr) throws Exception {
		assertThat(get("/api/sessions", remoteAddr, "localhost").getStatus()).isEqualTo(200);
		assertThat(get("/api/sessions", remoteAddr, "127.0.0.1").getStatus()).isEqualTo(200);
		assertThat(get("/api/sessions", remoteAddr, "[::1]").getStatus()).isEqualTo(200);
	}

	@Test
	void refusesALoopbackClientThatAddressedAnotherHostName() throws Exception {
		// A page of attacker.example rebinding its name to 127.0.0.1 reads with Host: attacker.example.
		assertThat(get("/api/sessions", "127.0.0.1", "attacker.example").getStatus()).isEqualTo(403);
	}

	@ParameterizedTest
	@CsvSource({ "X-Forwarded-For, 203.0.113.5, X-Forwarded-*", "x-forwarded-for, 127.0.0.1, X-Forwarded-*",
			"X-Forwarded-Host, localhost, X-Forwarded-*", "X-Forwarded-Proto, https, X-Forwarded-*",
			"X-Forwarded-Port, 443, X-Forwarded-*", "X-Forwarded-Prefix, /app, X-Forwarded-*",
			"X-Forwarded-Server, proxy.example, X-Forwarded-*", "X-Forwarded, for=203.0.113.5, X-Forwarded-*",
			"Forwarded, for=203.0.113.5, Forwarded", "FORWARDED, for=127.0.0.1;host=localhost, Forwarded",
			"X-Real-IP, 203.0.113.5, X-Real-IP", "Via, 1.1 proxy, Via", "True-Client-IP, 203.0.113.5, True-Client-IP",
			"CF-Connecting-IP, 203.0.113.5, CF-Connecting-IP", "X-Proxied-Https, true, X-Proxied-Https" })
	void refusesALoopbackRequestThatCameThroughAProxyWithAShortText(String header, String value, String named)
			throws Exception {
		chatTurn("chat-1", 1);
		MockHttpServletRequest request = request("/api/sessions");
		request.addHeader(header, value);
		MockHttpServletResponse response = service(request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentType()).isEqualTo("text/plain;charset=utf-8");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.startsWith("Cascade trace viewer: refused, this request came through a proxy (" + named + " header)")
			.contains("cascade.viewer.allow-remote")
			.doesNotContain(value, "chat-1");
		assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(ViewerServlet.CONTENT_SECURITY_POLICY);
	}

	@Test
	void refusesHttp10AsNginxsProxyPassSendsItByDefault() throws Exception {
		MockHttpServletRequest request = request("/api/sessions");
		request.setProtocol("HTTP/1.0");
		MockHttpServletResponse response = service(request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString()).contains("(HTTP/1.0, which nginx's proxy_pass sends by default)");
	}

	@Test
	void seesTheProxyHeadersThatAFilterHidAndTheAddressItRewrote() throws Exception {
		// What Spring's ForwardedHeaderFilter hands on: no forwarded header, the client's address.
		MockHttpServletRequest container = request("/api/sessions");
		container.addHeader("X-Forwarded-For", "127.0.0.1");
		HttpServletRequest filtered = new HttpServletRequestWrapper(container) {

			@Override
			public Enumeration<String> getHeaderNames() {
				return Collections.emptyEnumeration();
			}

			@Override
			public String getHeader(String name) {
				return null;
			}

		};
		assertThat(ViewerServlet.proxy(filtered)).isEqualTo("X-Forwarded-* header");
		MockHttpServletRequest remote = request("/api/sessions");
		remote.setRemoteAddr("203.0.113.5");
		HttpServletRequest rewritten = new HttpServletRequestWrapper(remote) {

			@Override
			public String getRemoteAddr() {
				return "127.0.0.1";
			}

		};
		assertThat(ViewerServlet.proxy(rewritten)).isNull();
		assertThat(ViewerServlet.isDirectFromLoopback(rewritten)).isFalse();
	}

	@Test
	void trustsWhatTheFirstValveSawOverTheRewrittenRequest() throws Exception {
		// Tomcat's RemoteIpValve took X-Forwarded-For: 127.0.0.1 as the client and removed the header.
		MockHttpServletRequest request = request("/api/sessions");
		request.setAttribute("org.apache.tomcat.request.forwarded", Boolean.TRUE);
		request.setAttribute(ViewerServlet.FIRST_HOP_ATTRIBUTE, new FirstHop("127.0.0.1", "localhost", "X-Forwarded-*"));
		assertThat(service(request).getStatus()).isEqualTo(403);
		assertThat(service(request).getContentAsString()).contains("(X-Forwarded-* header)");

		MockHttpServletRequest direct = request("/api/sessions");
		direct.setAttribute("org.apache.tomcat.request.forwarded", Boolean.TRUE);
		direct.setAttribute(ViewerServlet.FIRST_HOP_ATTRIBUTE, new FirstHop("127.0.0.1", "localhost", null));
		assertThat(service(direct).getStatus()).isEqualTo(200);

		MockHttpServletRequest fromAfar = request("/api/sessions");
		fromAfar.setRemoteAddr("203.0.113.5");
		fromAfar.setAttribute(ViewerServlet.FIRST_HOP_ATTRIBUTE, new FirstHop("203.0.113.5", "localhost", null));
		assertThat(service(fromAfar).getStatus()).isEqualTo(403);
		assertThat(service(fromAfar).getContentAsByteArray()).isEmpty();

		MockHttpServletRequest otherHost = request("/api/sessions");
		otherHost.setAttribute(ViewerServlet.FIRST_HOP_ATTRIBUTE, new FirstHop("127.0.0.1", "example.com", null));
		assertThat(service(otherHost).getStatus()).isEqualTo(403);
	}

	@Test
	void refusesARequestWhoseAddressOrHostChangedAfterTheFirstValve() throws Exception {
		// A RemoteIpValve reading a header of a name we do not know, from a proxy on the same host.
		MockHttpServletRequest rewritten = request("/api/sessions");
		rewritten.setAttribute(ViewerServlet.FIRST_HOP_ATTRIBUTE, new FirstHop("127.0.0.2", "localhost", null));
		MockHttpServletResponse response = service(rewritten);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString())
			.contains("(the server rewrote its client address or host from a forwarding header)");
		MockHttpServletRequest otherHost = request("/api/sessions");
		otherHost.setAttribute(ViewerServlet.FIRST_HOP_ATTRIBUTE, new FirstHop("127.0.0.1", "127.0.0.1", null));
		assertThat(service(otherHost).getStatus()).isEqualTo(403);
	}

	@Test
	void refusesARequestTomcatRewroteWhenNoValveOfOursSawIt() throws Exception {
		MockHttpServletRequest request = request("/api/sessions");
		request.setAttribute("org.apache.tomcat.request.forwarded", Boolean.TRUE);
		MockHttpServletResponse response = service(request);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(response.getContentAsString())
			.contains("(the server rewrote its client address or host from a forwarding header)");
	}

	@Test
	void answersProxiedRequestsWhenRemoteAccessIsAllowed() throws Exception {
		ViewerServlet open = new ViewerServlet(this.store, true);
		MockHttpServletRequest request = request("/api/sessions");
		request.addHeader("X-Forwarded-For", "203.0.113.5");
		request.setProtocol("HTTP/1.0");
		MockHttpServletResponse response = new MockHttpServletResponse();
		open.service(request, response);
		assertThat(response.getStatus()).isEqualTo(200);
	}

	private MockHttpServletRequest request(String pathInfo) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cascade" + pathInfo);
		request.setServletPath("/cascade");
		request.setPathInfo(pathInfo);
		request.setRemoteAddr("127.0.0.1");
		request.setServerName("localhost");
		return request;
	}

	private MockHttpServletResponse service(MockHttpServletRequest request) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.servlet.service(request, response);
		return response;
	}

	@Test
	void answersEveryoneWhenRemoteAccessIsAllowed() throws Exception {
		ViewerServlet open = new ViewerServlet(this.store, true);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cascade/api/sessions");
		request.setServletPath("/cascade");
		request.setPathInfo("/api/sessions");
		request.setRemoteAddr("10.0.0.5");
		request.setServerName("viewer.internal");
		MockHttpServletResponse response = new MockHttpServletResponse();
		open.service(request, response);
		assertThat(response.getStatus()).isEqualTo(200);
	}

	@Test
	void onlyGetIsAnswered() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cascade/api/sessions");
		request.setServletPath("/cascade");
		request.setPathInfo("/api/sessions");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.servlet.service(request, response);
		assertThat(response.getStatus()).isEqualTo(405);
	}

	private static JsonNode find(JsonNode sessions, String id) {
		for (JsonNode session : sessions) {
			if (id.equals(session.get("id").asText())) {
				return session;
			}
		}
		throw new AssertionError("No session " + id + " in " + sessions);
	}

}
