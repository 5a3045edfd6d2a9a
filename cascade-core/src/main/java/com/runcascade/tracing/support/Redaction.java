package com.runcascade.tracing.support;

import java.util.Collection;
import java.util.List;

import com.runcascade.tracing.Redactor;

/**
 * Builds the one redactor the formatter applies: Cascade's patterns, then the application's own.
 * Internal: public only for the auto-configuration.
 */
public final class Redaction {

	private Redaction() {
	}

	/**
	 * The redactor for these settings.
	 * @param enabled whether Cascade's patterns apply at all (the application's redactors always do)
	 * @param secrets whether the built-in secret patterns apply
	 * @param presets names of built-in pattern sets to add
	 * @param patterns extra regular expressions
	 * @param replacement what a match becomes
	 * @param custom the application's redactors, in order
	 * @return the redactor
	 * @throws IllegalStateException on an unknown preset or an invalid pattern, with the reason
	 */
	public static Redactor of(boolean enabled, boolean secrets, Collection<String> presets,
			Collection<String> patterns, String replacement, List<Redactor> custom) {
		if (!enabled) {
			// Cascade's patterns are off; the application's own redactors still apply.
			return ContentFormatter.redaction(false, List.of(), List.of(), "", custom);
		}
		try {
			return ContentFormatter.redaction(secrets, presets, patterns, replacement, custom);
		}
		catch (IllegalArgumentException ex) {
			// A typo must not silently switch redaction off: fail the startup with the reason.
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

}
