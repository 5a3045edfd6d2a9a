package com.runcascade.tracing.web;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decides the session of an incoming request, the same way for servlet and reactive applications:
 * a valid session header, else a valid session id in the W3C baggage of a traced call from another
 * service (when propagation is on), else a new id when asked for, else none. Invalid values are
 * never used, logged or echoed; a rate-limited warning says why one was ignored. Shared by both
 * stacks, so it touches neither's API.
 */
final class SessionResolver {

	// Its own name: servlet and reactive filters share this class, and a reactive application has no servlet API.
	private static final Log logger = LogFactory.getLog(SessionResolver.class);

	private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final SessionSettings settings;

	private final AtomicLong nextWarningNanos = new AtomicLong(System.nanoTime());

	private final AtomicLong suppressedWarnings = new AtomicLong();

	SessionResolver(SessionSettings settings) {
		this.settings = settings;
	}

	String header() {
		return this.settings.header();
	}

	String endHeader() {
		return this.settings.endHeader();
	}

	/**
	 * The session for a request.
	 * @param header the session header, as checked where it was read
	 * @param baggage the request's {@code baggage} header values joined by commas, if sent
	 * @return the session id, or {@code null} for none
	 */
	@Nullable String resolve(SessionHeader header, @Nullable String baggage) {
		if (header.id() != null) {
			return header.id();
		}
		if (header.problem() != null) {
			warnInvalid("the " + this.settings.header() + " request header", header.problem());
		}
		if (baggage != null && this.settings.propagation()) {
			String propagated = SessionBaggage.sessionId(baggage);
			if (propagated != null) {
				String problem = SessionIds.problem(propagated);
				if (problem == null) {
					return propagated;
				}
				warnInvalid("the " + SessionBaggage.KEY + " baggage entry", problem);
			}
		}
		return this.settings.generateWhenMissing() ? UUID.randomUUID().toString() : null;
	}

	boolean endRequested(@Nullable String endHeader) {
		return "true".equalsIgnoreCase(endHeader);
	}

	/** At most one warning a minute, so a misbehaving client cannot flood the log. The value is never logged. */
	private void warnInvalid(String what, String problem) {
		long now = System.nanoTime();
		long next = this.nextWarningNanos.get();
		if (now - next >= 0 && this.nextWarningNanos.compareAndSet(next, now + WARNING_INTERVAL_NANOS)) {
			long suppressed = this.suppressedWarnings.getAndSet(0);
			logger.warn("Cascade ignored " + what + " because " + problem + "; the request proceeds without that session"
					+ ((suppressed > 0) ? " (" + suppressed + " similar warnings suppressed)" : ""));
		}
		else {
			this.suppressedWarnings.incrementAndGet();
		}
	}

}
