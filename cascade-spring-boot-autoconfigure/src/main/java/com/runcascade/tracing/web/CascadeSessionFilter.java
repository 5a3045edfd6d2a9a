package com.runcascade.tracing.web;

import java.io.IOException;
import java.util.Enumeration;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

/**
 * Makes the session named by the request's session header the Cascade session for exactly the
 * duration of the request (async dispatches included), and hands the id back in the response
 * header. Runs after Spring's HTTP server observation filter, so the server span gets the session
 * attributes too. The session is bound with a scope that is always closed, so a pooled thread
 * never carries it into the next request.
 */
class CascadeSessionFilter extends OncePerRequestFilter {

	/** Request attribute holding the session id used, so async dispatches reuse it. */
	public static final String SESSION_ID_ATTRIBUTE = CascadeSessionFilter.class.getName() + ".sessionId";

	private final CascadeTracer tracer;

	private final SessionResolver sessions;

	public CascadeSessionFilter(CascadeTracer tracer, SessionSettings settings) {
		this.tracer = tracer;
		this.sessions = new SessionResolver(settings);
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String sessionId = sessionId(request);
		if (sessionId == null) {
			chain.doFilter(request, response);
			return;
		}
		request.setAttribute(SESSION_ID_ATTRIBUTE, sessionId);
		response.setHeader(this.sessions.header(), sessionId);
		tagServerSpan(sessionId);
		try (CascadeScope session = this.tracer.sessionScope(sessionId)) {
			chain.doFilter(request, response);
			if (!request.isAsyncStarted() && endRequested(request)) {
				this.tracer.endSession(sessionId);
			}
		}
	}

	private @Nullable String sessionId(HttpServletRequest request) {
		Object known = request.getAttribute(SESSION_ID_ATTRIBUTE);
		if (known instanceof String id) {
			return id;
		}
		return this.sessions.resolve(sessionHeader(request), baggage(request));
	}

	/** As the sampling filter read it, or read here when that filter did not run. */
	private SessionHeader sessionHeader(HttpServletRequest request) {
		Object read = request.getAttribute(SessionHeader.KEY);
		return (read instanceof SessionHeader header) ? header
				: SessionHeader.of(request.getHeader(this.sessions.header()));
	}

	/** Every {@code baggage} header line, joined as W3C allows. */
	private static @Nullable String baggage(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders(SessionBaggage.HEADER);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String first = values.nextElement();
		if (!values.hasMoreElements()) {
			return first;
		}
		StringBuilder joined = new StringBuilder(first);
		while (values.hasMoreElements()) {
			joined.append(',').append(values.nextElement());
		}
		return joined.toString();
	}

	private boolean endRequested(HttpServletRequest request) {
		return this.sessions.endRequested(request.getHeader(this.sessions.endHeader()));
	}

	/** The server span started before this filter ran, so the span processor could not tag it. */
	private static void tagServerSpan(String sessionId) {
		Span server = Span.current();
		if (server.isRecording()) {
			CascadeAttributes.setSession(server, sessionId);
		}
	}

}
