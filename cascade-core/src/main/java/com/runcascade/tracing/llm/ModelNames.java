package com.runcascade.tracing.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The names a model is looked up under, most specific first. Case is ignored. From a requested
 * name, in order:
 * <ol>
 * <li>the name itself ({@code claude-sonnet-4-20250514});</li>
 * <li>without a vendor prefix ending with a slash, as in OpenRouter ids ({@code anthropic/claude-sonnet-4}
 * gives {@code claude-sonnet-4}) or Google's {@code models/gemini-2.5-pro};</li>
 * <li>then, for each of these, without a Vertex AI version ({@code claude-sonnet-4@20250514}), a
 * {@code -latest} suffix, a snapshot date ({@code -20250514} or {@code -2024-08-06}) and a Gemini
 * version ({@code -001}), each removed after the one before.</li>
 * </ol>
 * {@code scripts/update-model-prices.mjs} applies the same rules; keep them in step.
 */
final class ModelNames {

	private static final Pattern[] SUFFIXES = { Pattern.compile("-latest$"), Pattern.compile("-20\\d{6}$"),
			Pattern.compile("-20\\d{2}-\\d{2}-\\d{2}$"), Pattern.compile("-0\\d{2}$") };

	private ModelNames() {
	}

	/**
	 * The lower-case form a name is stored and compared in.
	 * @param name a model name
	 * @return the name, trimmed and in lower case
	 */
	static String normalize(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * The names to look a requested model up under, most specific first.
	 * @param model the requested or reported model name
	 * @return the normalized candidates, without duplicates
	 */
	static List<String> candidates(String model) {
		String name = normalize(model);
		List<String> candidates = new ArrayList<>(4);
		addWithoutSuffixes(candidates, name);
		int slash = name.lastIndexOf('/');
		if (slash >= 0 && slash < name.length() - 1) {
			addWithoutSuffixes(candidates, name.substring(slash + 1));
		}
		return candidates;
	}

	private static void addWithoutSuffixes(List<String> candidates, String name) {
		String candidate = name;
		add(candidates, candidate);
		int at = candidate.indexOf('@');
		if (at > 0) {
			candidate = candidate.substring(0, at);
			add(candidates, candidate);
		}
		for (Pattern suffix : SUFFIXES) {
			String stripped = suffix.matcher(candidate).replaceFirst("");
			if (!stripped.equals(candidate) && !stripped.isEmpty()) {
				candidate = stripped;
				add(candidates, candidate);
			}
		}
	}

	private static void add(List<String> candidates, String candidate) {
		if (!candidate.isEmpty() && !candidates.contains(candidate)) {
			candidates.add(candidate);
		}
	}

}
