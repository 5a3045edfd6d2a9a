package com.runcascade.tracing.web;

import java.io.IOException;

import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.runcascade.tracing.support.CascadeContext;

/**
 * Runs before Spring's server observation filter and, for a request with a valid session header,
 * marks the current OpenTelemetry context so the sampler records the request whole, server span
 * included. The server span takes the current context as its parent context, which is where the
 * sampler sees the mark. The header it read is handed to {@link CascadeSessionFilter} as a request
 * attribute ({@link SessionHeader}), which reports an invalid id; the header is read once.
 */
final class SessionSamplingFilter extends OncePerRequestFilter {

	private final String header;

	SessionSamplingFilter(String header) {
		this.header = header;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SessionHeader session = SessionHeader.of(request.getHeader(this.header));
		request.setAttribute(SessionHeader.KEY, session);
		if (session.id() == null) {
			chain.doFilter(request, response);
			return;
		}
		try (Scope ignored = CascadeContext.recordWhole(io.opentelemetry.context.Context.current()).makeCurrent()) {
			chain.doFilter(request, response);
		}
	}

}
