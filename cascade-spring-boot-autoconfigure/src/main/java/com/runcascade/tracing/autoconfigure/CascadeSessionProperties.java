package com.runcascade.tracing.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Mapping of HTTP requests to Cascade sessions (servlet and reactive web applications). */
@ConfigurationProperties("cascade.session")
public class CascadeSessionProperties {

	/**
	 * Request header that carries the session id; the response carries it back. A request
	 * with a valid one is recorded whole, whatever the sampling probability.
	 */
	private String header = "X-Cascade-Session-Id";

	/**
	 * Request header that, when "true", ends the session after the request completes.
	 */
	private String endHeader = "X-Cascade-Session-End";

	/**
	 * Whether a request without a session header gets a new session id.
	 */
	private boolean generateWhenMissing;

	/**
	 * Whether the session header of HTTP requests becomes the Cascade session (the session
	 * filter is registered in servlet and reactive web applications).
	 */
	private boolean enabled = true;

	/**
	 * Sessions across services.
	 */
	private final Propagation propagation = new Propagation();

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public String getEndHeader() {
		return this.endHeader;
	}

	public void setEndHeader(String endHeader) {
		this.endHeader = endHeader;
	}

	public boolean isGenerateWhenMissing() {
		return this.generateWhenMissing;
	}

	public void setGenerateWhenMissing(boolean generateWhenMissing) {
		this.generateWhenMissing = generateWhenMissing;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Propagation getPropagation() {
		return this.propagation;
	}

	/** The session id as W3C baggage on traced calls between services. */
	public static class Propagation {

		/**
		 * Whether the session id travels as the W3C baggage entry "cascade.session_id" with traced
		 * calls to other services, and whether a session id arriving that way is used when the
		 * request has no session header.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
