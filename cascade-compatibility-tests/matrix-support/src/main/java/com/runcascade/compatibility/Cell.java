package com.runcascade.compatibility;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One application of the matrix: a class path (the module), the Spring AI chat model, and
 * {@code management.tracing.sampling.probability} (absent in the baseline, which does not trace).
 *
 * @param classPath the module's class path
 * @param provider the chat model
 * @param sampling the sampling probability, if set
 * @param properties further application properties
 */
public record Cell(ClassPath classPath, Provider provider, @Nullable Double sampling, Map<String, String> properties) {

	/** The cells of a class path with Cascade: each chat model at sampling probability 1.0 and 0.1. */
	public static Stream<Cell> matrix(ClassPath classPath) {
		return Stream.of(Provider.values())
			.flatMap((provider) -> Stream.of(1.0, 0.1)
				.map((sampling) -> new Cell(classPath, provider, sampling, Map.of())));
	}

	/** The cells of a baseline class path: each chat model. */
	public static Stream<Cell> baseline(ClassPath classPath) {
		return Stream.of(Provider.values()).map((provider) -> new Cell(classPath, provider, null, Map.of()));
	}

	/** This cell with a further application property. */
	public Cell with(String name, String value) {
		Map<String, String> properties = new LinkedHashMap<>(this.properties);
		properties.put(name, value);
		return new Cell(this.classPath, this.provider, this.sampling, Map.copyOf(properties));
	}

	/** Whether every trace is sampled, so that a request without a session is recorded too. */
	boolean samplesEverything() {
		return this.sampling == null || this.sampling >= 1.0;
	}

	@Override
	public String toString() {
		return this.classPath.name().toLowerCase().replace('_', '-') + ", " + this.provider
				+ ((this.sampling != null) ? ", sampling " + this.sampling : "");
	}

}
