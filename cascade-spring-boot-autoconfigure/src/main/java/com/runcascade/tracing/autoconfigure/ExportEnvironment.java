package com.runcascade.tracing.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Whether the environment sends spans to Cascade, for conditions that run before
 * {@link CascadeProperties} is bound. Internal: public only for the other Cascade packages' wiring.
 */
public final class ExportEnvironment {

	private ExportEnvironment() {
	}

	/**
	 * Why spans are exported to Cascade, or {@code null} when they are not: an API key, or an
	 * endpoint other than Cascade's own (which needs a key).
	 * @param environment the environment
	 * @return the reason, naming the property, or {@code null}
	 */
	public static @Nullable String cascadeExport(Environment environment) {
		if (StringUtils.hasText(environment.getProperty("cascade.api-key"))) {
			return "cascade.api-key is set";
		}
		String endpoint = environment.getProperty("cascade.endpoint", CascadeProperties.DEFAULT_ENDPOINT);
		return CascadeProperties.DEFAULT_ENDPOINT.equals(endpoint) ? null : "cascade.endpoint is " + endpoint;
	}

}
