package com.runcascade.tracing.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.runcascade.tracing.Redactor;
import com.runcascade.tracing.support.PatternRedactor;

/** Builds the one redactor the formatter applies: Cascade's patterns, then the application's beans. */
final class Redaction {

	private Redaction() {
	}

	static Redactor of(CascadeProperties.Redact properties, List<Redactor> custom) {
		List<Redactor> chain = new ArrayList<>();
		if (properties.isEnabled()) {
			PatternRedactor patterns;
			try {
				patterns = new PatternRedactor(properties.isSecrets(), properties.getPresets(),
						properties.getPatterns(), properties.getReplacement());
			}
			catch (IllegalArgumentException ex) {
				// A typo must not silently switch redaction off: fail the startup with the reason.
				throw new IllegalStateException(ex.getMessage(), ex);
			}
			if (patterns.isActive()) {
				chain.add(patterns);
			}
		}
		chain.addAll(custom);
		if (chain.size() == 1) {
			return chain.get(0);
		}
		List<Redactor> all = List.copyOf(chain);
		return (text) -> {
			String result = text;
			for (Redactor redactor : all) {
				result = redactor.redact(result);
			}
			return result;
		};
	}

}
