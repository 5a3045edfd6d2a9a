package com.runcascade.tracing.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.api.trace.Span;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeProperties;
import com.runcascade.tracing.CascadeAttributes;

/**
 * Makes the session named by the request's session header the Cascade session for exactly the
 * duration of the request (async dispatches included), and hands the id back in the response
 * header. Runs after Spring's HTTP server observation filter, so the server span gets the session
 * attributes too. The session is bound with a scope that is always closed, so a pooled thread
 * never carries it into the next request.
 */
public class CascadeSessionFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(CascadeSessionFilter.class);

	/** Request attribute holding the session id used, so async dispatches reuse it. */
	public static final String SESSION_ID_ATTRIBUTE = CascadeSessionFilter.class.getName() + ".sessionId";




	private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final CascadeTracer tracer;

	private final CascadeProperties.Session properties;

	private final AtomicLong nextWarningNanos = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressedWarnings = new AtomicLong();

	public CascadeSessionFilter(CascadeTracer tracer, CascadeProperties.Session properties) {
		this.tracer = tracer;
		this.properties = properties;
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
		response.setHeader(this.properties.getHeader(), sessionId);
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
		String header = request.getHeader(this.properties.getHeader());
		if (header != null) {
			String problem = SessionIds.problem(header);
			if (problem == null) {
				return header;
			}
			warnInvalid(problem);
		}
		return this.properties.isGenerateWhenMissing() ? UUID.randomUUID().toString() : null;
	}

	private boolean endRequested(HttpServletRequest request) {
		return "true".equalsIgnoreCase(request.getHeader(this.properties.getEndHeader()));
	}

	/** The server span started before this filter ran, so the span processor could not tag it. */
	private static void tagServerSpan(String sessionId) {
		Span server = Span.current();
		if (server.isRecording()) {
			CascadeAttributes.setSession(server, sessionId);
		}
	}

	/** At most one warning a minute, so a misbehaving client cannot flood the log. The value is never logged. */
	private void warnInvalid(String problem) {
		long now = System.nanoTime();
		long next = this.nextWarningNanos.get();
		if (now - next >= 0 && this.nextWarningNanos.compareAndSet(next, now + WARNING_INTERVAL_NANOS)) {
			long suppressed = this.suppressedWarnings.getAndSet(0);
			logger.warn("Cascade ignored the " + this.properties.getHeader() + " request header because " + problem
					+ "; the request proceeds without that session"
					+ ((suppressed > 0) ? " (" + suppressed + " similar warnings suppressed)" : ""));
		}
		else {
			this.suppressedWarnings.incrementAndGet();
		}
	}

}
