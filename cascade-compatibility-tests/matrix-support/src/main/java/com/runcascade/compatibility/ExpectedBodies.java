package com.runcascade.compatibility;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The replies of the matrix application, as the baseline modules (the same application without
 * the Cascade starter) get them from the provider emulator: {@code expected-bodies.properties},
 * each with the request's city in place of {@code {city}}. The baseline modules assert them, so
 * the other modules asserting the same replies proves that the starter changes none.
 */
final class ExpectedBodies {

	private static final Properties bodies = load();

	private ExpectedBodies() {
	}

	static String of(Endpoint endpoint, String city) {
		String body = bodies.getProperty(endpoint.body());
		if (body == null) {
			throw new IllegalStateException("No expected body '" + endpoint.body() + "' in expected-bodies.properties");
		}
		return body.replace("{city}", city);
	}

	private static Properties load() {
		Properties properties = new Properties();
		try (InputStream in = ExpectedBodies.class.getResourceAsStream("/expected-bodies.properties")) {
			if (in == null) {
				throw new IllegalStateException("expected-bodies.properties is missing");
			}
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
