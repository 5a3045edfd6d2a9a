package com.runcascade.tracing.sdk;

import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Reads either SDK's models defensively: a field that is missing or malformed in a response reads
 * as absent instead of failing the trace.
 */
public final class SdkModels {

	private SdkModels() {
	}

	/** The value of a model accessor, or {@code null} when the field is absent or malformed. */
	public static <T> @Nullable T orNull(Supplier<@Nullable T> accessor) {
		try {
			return accessor.get();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	public static <T> T orDefault(Supplier<@Nullable T> accessor, T fallback) {
		T value = orNull(accessor);
		return (value != null) ? value : fallback;
	}

	public static <T> Optional<T> optional(Supplier<Optional<T>> accessor) {
		try {
			return accessor.get();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	public static <T> @Nullable T optionalOrNull(Supplier<Optional<T>> accessor) {
		return optional(accessor).orElse(null);
	}

}
