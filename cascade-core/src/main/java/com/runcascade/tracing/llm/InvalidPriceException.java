package com.runcascade.tracing.llm;

import org.jspecify.annotations.Nullable;

/**
 * A price override that cannot be used, naming the {@code cascade.pricing.models[...]} property
 * at fault. The Spring layer reports it as an invalid configuration property.
 * <p>
 * Internal: public only for the auto-configuration.
 */
public final class InvalidPriceException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final transient @Nullable Object value;

	private final String reason;

	InvalidPriceException(String property, @Nullable Object value, String reason) {
		super("Property: " + property + ((value != null) ? ", value: " + value : "") + ". " + reason);
		this.property = property;
		this.value = value;
		this.reason = reason;
	}

	public String property() {
		return this.property;
	}

	public @Nullable Object value() {
		return this.value;
	}

	public String reason() {
		return this.reason;
	}

}
