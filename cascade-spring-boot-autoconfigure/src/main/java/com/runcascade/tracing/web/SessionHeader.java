package com.runcascade.tracing.web;

import org.jspecify.annotations.Nullable;

/**
 * The session header of one request, read and checked once. The sampling filter (servlet) or
 * handler (WebFlux) runs first, reads it to decide whether the request is recorded whole, and hands
 * it on under {@link #KEY}: as a request attribute, or in the Reactor context of the exchange. The
 * session filter takes it from there, and reads the header itself only when no sampling filter ran.
 * Holds the valid id, or why the value sent was refused; never a refused value.
 * @param id the valid session id, or {@code null} when none was sent or it was refused
 * @param problem why the value sent was refused, or {@code null}
 */
record SessionHeader(@Nullable String id, @Nullable String problem) {

	/** The request attribute and Reactor context key it is handed on under. */
	static final String KEY = SessionHeader.class.getName();

	/** A request without the header. */
	static final SessionHeader ABSENT = new SessionHeader(null, null);

	/**
	 * Check a header value.
	 * @param value the header's value, or {@code null} when it was not sent
	 * @return the checked header
	 */
	static SessionHeader of(@Nullable String value) {
		if (value == null) {
			return ABSENT;
		}
		String problem = SessionIds.problem(value);
		return (problem != null) ? new SessionHeader(null, problem) : new SessionHeader(value, null);
	}

}
