package com.runcascade.compatibility.app;

import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.util.ClassUtils;

/**
 * Runs a body as a Cascade run ({@code Cascade.traceRun}) with the city as metadata, or, in the
 * baseline applications that do not have the starter, just runs it: the same application code
 * with and without Cascade.
 */
final class Runs {

	private static final boolean CASCADE_PRESENT = ClassUtils.isPresent("com.runcascade.tracing.Cascade",
			Runs.class.getClassLoader());

	private Runs() {
	}

	static String run(String name, String city, Callable<String> body) throws Exception {
		return CASCADE_PRESENT ? CascadeRun.run(name, city, body) : body.call();
	}

	/** Loaded only when Cascade is on the class path. */
	private static final class CascadeRun {

		static String run(String name, String city, Callable<String> body) throws Exception {
			return com.runcascade.tracing.Cascade.traceRun(name, Map.of("city", city), body);
		}

	}

}
