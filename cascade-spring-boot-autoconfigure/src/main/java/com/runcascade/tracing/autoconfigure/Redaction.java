package com.runcascade.tracing.autoconfigure;

import java.util.List;

import com.runcascade.tracing.Redactor;
import com.runcascade.tracing.support.ContentFormatter;

/** Builds the one redactor the formatter applies: Cascade's patterns, then the application's beans. */
final class Redaction {

	private Redaction() {
	}

	static Redactor of(CascadeProperties.Redact properties, List<Redactor> custom) {
		if (!properties.isEnabled()) {
			// Cascade's patterns are off; the application's own redactors still apply.
			return ContentFormatter.redaction(false, List.of(), List.of(), "", custom);
		}
		try {
			return ContentFormatter.redaction(properties.isSecrets(), properties.getPresets(), properties.getPatterns(),
					properties.getReplacement(), custom);
		}
		catch (IllegalArgumentException ex) {
			// A typo must not silently switch redaction off: fail the startup with the reason.
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
