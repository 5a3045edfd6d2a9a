package com.runcascade.tracing.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Printing of finished runs to the terminal. */
@ConfigurationProperties("cascade.console")
public class CascadeConsoleProperties {

	/**
	 * Whether each finished run is printed to standard output as an indented span tree.
	 */
	private boolean enabled;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
