package com.runcascade.tracing.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The local trace viewer served at /cascade by servlet web applications. */
@ConfigurationProperties("cascade.viewer")
public class CascadeViewerProperties {

	/**
	 * Whether the application serves its recent traces at /cascade. When not set, the viewer is
	 * on only where a developer runs the application: off on a cloud platform, on with Spring
	 * Boot DevTools on the class path, otherwise on only while no span leaves the application
	 * (no Cascade API key or endpoint, no span exporter bean).
	 */
	private @Nullable Boolean enabled;

	/**
	 * Whether clients other than loopback ones, and requests that came through a proxy, may
	 * open the viewer. Captured prompts and completions become visible to anyone who can reach
	 * the application.
	 */
	private boolean allowRemote;

	/**
	 * Most traces kept in memory; the oldest is evicted first.
	 */
	private int maxTraces = 500;

	/**
	 * Most memory the kept traces may use, estimated from their names and attributes; the
	 * oldest trace is evicted first. One trace may use at most half of it.
	 */
	private DataSize maxBytes = DataSize.ofMegabytes(32);

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isAllowRemote() {
		return this.allowRemote;
	}

	public void setAllowRemote(boolean allowRemote) {
		this.allowRemote = allowRemote;
	}

	public int getMaxTraces() {
		return this.maxTraces;
	}

	public void setMaxTraces(int maxTraces) {
		this.maxTraces = maxTraces;
	}

	public DataSize getMaxBytes() {
		return this.maxBytes;
	}

	public void setMaxBytes(DataSize maxBytes) {
		this.maxBytes = maxBytes;
	}

}
