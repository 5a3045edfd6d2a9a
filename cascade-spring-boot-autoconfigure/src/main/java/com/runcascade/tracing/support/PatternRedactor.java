package com.runcascade.tracing.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.Redactor;

/**
 * Replaces secrets and, when asked, personal data in captured text by a fixed replacement. All
 * patterns are compiled into one alternation, so a value is scanned once however many are on.
 */
public final class PatternRedactor implements Redactor {

	/** The default replacement. */
	public static final String DEFAULT_REPLACEMENT = "[REDACTED]";

	/** Provider API keys, cloud access keys, bearer tokens and private keys; on by default. */
	static final List<String> SECRETS = List.of(
			// Anthropic (sk-ant-...) and OpenAI (sk-..., sk-proj-...) style API keys.
			"\\bsk-[A-Za-z0-9][A-Za-z0-9_-]{15,}",
			// AWS access key ids (long-term and temporary).
			"\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
			// Google API keys, GitHub and Slack tokens.
			"\\bAIza[0-9A-Za-z_-]{35}", "\\bgh[pousr]_[A-Za-z0-9]{36,}", "\\bxox[abprs]-[A-Za-z0-9-]{10,}",
			// Bearer credentials, in headers or in text.
			"(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}",
			// A PEM private key block; a block cut off by the size limit is redacted to the end.
			"-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----|[\\s\\S]*)");

	/** Opt-in presets by name ({@code cascade.redact.presets}). */
	static final List<String> PRESET_NAMES = List.of("email", "credit-card", "phone", "ip");

	private static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

	/** 13 to 19 digits, optionally grouped by spaces or dashes; matches are kept only when Luhn-valid. */
	private static final String CREDIT_CARD = "(?<![\\w-])(?<cascadecc>\\d(?:[ -]?\\d){12,18})(?![\\w-])";

	private static final String PHONE = "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?\\(?\\d{1,4}\\)?(?:[ .-]?\\d{2,4}){2,4}"
			+ "|\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4})(?!\\w)";

	private static final String IPV4 = "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
			+ "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.]*\\w)";

	/** Full IPv6 addresses, and compressed ones (with "::"). */
	private static final String IPV6 = "(?<![\\w:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
			+ "|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?"
			+ "|::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}))(?![\\w:])";

	private static final PatternRedactor SECRETS_ONLY = new PatternRedactor(true, List.of(), List.of(),
			DEFAULT_REPLACEMENT);

	private final @Nullable Pattern pattern;

	private final boolean luhnChecked;

	private final String replacement;

	/**
	 * Build a redactor.
	 * @param secrets whether the built-in secret patterns are on
	 * @param presets names of opt-in presets: {@code email}, {@code credit-card}, {@code phone},
	 * {@code ip}
	 * @param patterns the application's own regular expressions
	 * @param replacement what each match becomes
	 * @throws IllegalArgumentException for an unknown preset or an invalid pattern, naming it
	 */
	public PatternRedactor(boolean secrets, Collection<String> presets, Collection<String> patterns,
			String replacement) {
		List<String> all = new ArrayList<>();
		if (secrets) {
			all.addAll(SECRETS);
		}
		boolean creditCard = false;
		for (String preset : presets) {
			switch (preset.trim().toLowerCase(Locale.ROOT)) {
				case "email" -> all.add(EMAIL);
				case "credit-card" -> creditCard = true;
				case "phone" -> all.add(PHONE);
				case "ip" -> {
					all.add(IPV4);
					all.add(IPV6);
				}
				default -> throw new IllegalArgumentException(
						"Unknown cascade.redact.presets entry '" + preset + "'; known: " + PRESET_NAMES);
			}
		}
		for (String custom : patterns) {
			try {
				Pattern.compile(custom);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("Invalid cascade.redact.patterns entry: " + ex.getMessage(), ex);
			}
			all.add(custom);
		}
		// The credit card branch goes last and is the only named group, so a match of it is seen
		// by group("cascadecc") and checked before it is replaced.
		if (creditCard) {
			all.add(CREDIT_CARD);
		}
		this.luhnChecked = creditCard;
		this.pattern = all.isEmpty() ? null : Pattern.compile(String.join("|", all.stream().map((p) -> "(?:" + p + ")").toList()));
		this.replacement = replacement;
	}

	/**
	 * The default: built-in secret patterns only.
	 * @return a shared redactor
	 */
	public static PatternRedactor secrets() {
		return SECRETS_ONLY;
	}

	/**
	 * Whether this redactor changes anything at all.
	 * @return false when no pattern is on
	 */
	public boolean isActive() {
		return this.pattern != null;
	}

	@Override
	public String redact(String text) {
		Pattern pattern = this.pattern;
		if (pattern == null || text.isEmpty()) {
			return text;
		}
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		int last = 0;
		boolean replaced = false;
		do {
			if (this.luhnChecked && matcher.group("cascadecc") != null && !luhnValid(matcher.group("cascadecc"))) {
				continue;
			}
			out.append(text, last, matcher.start()).append(this.replacement);
			last = matcher.end();
			replaced = true;
		}
		while (matcher.find());
		if (!replaced) {
			return text;
		}
		return out.append(text, last, text.length()).toString();
	}

	private static boolean luhnValid(String digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			char c = digits.charAt(i);
			if (c < '0' || c > '9') {
				continue;
			}
			int d = c - '0';
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

}
