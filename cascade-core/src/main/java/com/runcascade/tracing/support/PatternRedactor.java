package com.runcascade.tracing.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.Redactor;

/**
 * Replaces secrets and, when asked, personal data in captured text by a fixed replacement.
 *
 * <p>
 * Cost matters: this runs on every captured string, on the traced thread. A regular expression
 * tried at every position of the text is slow (about 60 µs per KB for the secret patterns as one
 * alternation), so each built-in secret is found by its literal prefix ({@code sk-}, {@code AKIA},
 * {@code -----BEGIN ...}) with {@link String#indexOf}, and its pattern is only checked where a
 * prefix occurs. Emails are found from their {@code @}, the number-shaped presets from the start
 * of each run of digits, IPv6 addresses from their colons; only the application's own patterns
 * scan the whole text.
 */
final class PatternRedactor implements Redactor {

	/** The default replacement. */
	public static final String DEFAULT_REPLACEMENT = "[REDACTED]";

	/** Opt-in presets by name ({@code cascade.redact.presets}). */
	static final List<String> PRESET_NAMES = List.of("email", "credit-card", "phone", "ip");

	/** Provider API keys, cloud access keys, tokens, bearer credentials and private keys; on by default. */
	private static final List<Rule> SECRETS = List.of(
			// Anthropic (sk-ant-...) and OpenAI (sk-..., sk-proj-...) style API keys.
			new Anchored("(?<![A-Za-z0-9_-])sk-[A-Za-z0-9][A-Za-z0-9_-]{15,}", "sk-"),
			// AWS access key ids (long-term and temporary).
			new Anchored("(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])", "AKIA", "ASIA"),
			// Google API keys, GitHub and Slack tokens.
			new Anchored("AIza[0-9A-Za-z_-]{35}", "AIza"),
			new Anchored("gh[pousr]_[A-Za-z0-9]{36,}", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
			new Anchored("xox[abprs]-[A-Za-z0-9-]{10,}", "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"),
			// Bearer credentials, in headers or in text.
			new Anchored("(?i)(?<![A-Za-z0-9_])bearer\\s+[A-Za-z0-9._~+/=-]{8,}", "Bearer", "bearer", "BEARER"),
			// A PEM private key block; a block cut off by the size limit is redacted to the end.
			new Anchored("-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----|[\\s\\S]*)",
					"-----BEGIN "));

	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

	/** 13 to 19 digits, optionally grouped by spaces or dashes; kept only when Luhn-valid. */
	private static final String CREDIT_CARD = "(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?![\\w-])";

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

	private final List<Rule> rules;

	/** The rules other than the anchored ones, which are all found in one pass. */
	private final List<Rule> unanchored;

	private final AnchorIndex anchors;

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
		List<Rule> rules = new ArrayList<>();
		if (secrets) {
			rules.addAll(SECRETS);
		}
		for (String preset : presets) {
			switch (preset.trim().toLowerCase(Locale.ROOT)) {
				case "email" -> rules.add(new Email());
				case "credit-card" -> rules.add(new NumberShaped(CREDIT_CARD, true));
				case "phone" -> rules.add(new NumberShaped(PHONE, false));
				case "ip" -> {
					rules.add(new NumberShaped(IPV4, false));
					rules.add(new Ipv6());
				}
				default -> throw new IllegalArgumentException(
						"Unknown cascade.redact.presets entry '" + preset + "'; known: " + PRESET_NAMES);
			}
		}
		for (String custom : patterns) {
			try {
				rules.add(new Scanned(custom));
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException("Invalid cascade.redact.patterns entry: " + ex.getMessage(), ex);
			}
		}
		this.rules = List.copyOf(rules);
		this.unanchored = rules.stream().filter((rule) -> !(rule instanceof Anchored)).toList();
		this.anchors = new AnchorIndex(rules.stream().filter(Anchored.class::isInstance).map(Anchored.class::cast).toList());
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
		return !this.rules.isEmpty();
	}

	@Override
	public String redact(String text) {
		if (text.isEmpty() || this.rules.isEmpty()) {
			return text;
		}
		Ranges ranges = new Ranges();
		this.anchors.find(text, ranges);
		for (Rule rule : this.unanchored) {
			rule.find(text, ranges);
		}
		return ranges.isEmpty() ? text : ranges.replace(text, this.replacement);
	}

	/**
	 * Finds the occurrences of every anchored rule's prefixes in one pass over the text, instead of
	 * one {@code indexOf} scan per prefix (18 for the built-in secrets): on the short strings most
	 * captures are, the scans' fixed cost was most of the redaction. Each prefix still resumes after
	 * its rule's last match, exactly as the per-prefix scans did.
	 */
	private static final class AnchorIndex {

		/** Prefixes by their first character (ASCII only; every built-in prefix is). */
		private final Slot[][] byFirstChar = new Slot[128][];

		private final Anchored[] rules;

		private final int slots;

		AnchorIndex(List<Anchored> rules) {
			this.rules = rules.toArray(new Anchored[0]);
			List<List<Slot>> index = new ArrayList<>();
			for (int c = 0; c < 128; c++) {
				index.add(new ArrayList<>());
			}
			int slot = 0;
			for (int r = 0; r < this.rules.length; r++) {
				for (String prefix : this.rules[r].prefixes) {
					index.get(prefix.charAt(0)).add(new Slot(prefix, r, slot++));
				}
			}
			for (int c = 0; c < 128; c++) {
				this.byFirstChar[c] = index.get(c).isEmpty() ? null : index.get(c).toArray(new Slot[0]);
			}
			this.slots = slot;
		}

		void find(String text, Ranges out) {
			if (this.slots == 0) {
				return;
			}
			int length = text.length();
			int @Nullable [] resumeAt = null;
			@Nullable Matcher @Nullable [] matchers = null;
			for (int at = 0; at < length; at++) {
				char c = text.charAt(at);
				Slot[] candidates = (c < 128) ? this.byFirstChar[c] : null;
				if (candidates == null) {
					continue;
				}
				for (Slot slot : candidates) {
					if (!text.startsWith(slot.prefix, at)) {
						continue;
					}
					if (resumeAt == null || matchers == null) {
						resumeAt = new int[this.slots];
						matchers = new @Nullable Matcher[this.rules.length];
					}
					if (at < resumeAt[slot.index]) {
						continue;
					}
					Matcher matcher = matchers[slot.rule];
					if (matcher == null) {
						matcher = this.rules[slot.rule].matcher(text);
						matchers[slot.rule] = matcher;
					}
					matcher.region(at, length);
					if (matcher.lookingAt()) {
						out.add(at, matcher.end());
						resumeAt[slot.index] = Math.max(matcher.end(), at + 1);
					}
					else {
						resumeAt[slot.index] = at + 1;
					}
				}
			}
		}

		private record Slot(String prefix, int rule, int index) {
		}

	}

	/** Finds the matches of one kind of secret or personal data. */
	private abstract static sealed class Rule permits Anchored, Email, NumberShaped, Ipv6, Scanned {

		abstract void find(String text, Ranges out);

	}

	/** Matches that start with one of a few literals: found with indexOf, checked with the pattern there. */
	private static final class Anchored extends Rule {

		private final Pattern pattern;

		private final String[] prefixes;

		Anchored(String regex, String... prefixes) {
			this.pattern = Pattern.compile(regex);
			this.prefixes = prefixes;
		}

		/** Transparent bounds: the look-behind at the start sees the text before the region. */
		Matcher matcher(String text) {
			return this.pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
		}

		@Override
		void find(String text, Ranges out) {
			Matcher matcher = null;
			for (String prefix : this.prefixes) {
				int from = 0;
				int at;
				while ((at = text.indexOf(prefix, from)) >= 0) {
					if (matcher == null) {
						// Transparent bounds: the look-behind at the start sees the text before the region.
						matcher = this.pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
					}
					matcher.region(at, text.length());
					if (matcher.lookingAt()) {
						out.add(at, matcher.end());
						from = Math.max(matcher.end(), at + 1);
					}
					else {
						from = at + 1;
					}
				}
			}
		}

	}

	/** Emails, found from each {@code @}: back to the start of the local part, then checked. */
	private static final class Email extends Rule {

		@Override
		void find(String text, Ranges out) {
			int from = 0;
			int at;
			Matcher matcher = null;
			while ((at = text.indexOf('@', from)) >= 0) {
				int start = at;
				while (start > 0 && isLocalPart(text.charAt(start - 1))) {
					start--;
				}
				from = at + 1;
				if (start == at) {
					continue;
				}
				if (matcher == null) {
					matcher = EMAIL.matcher(text);
				}
				matcher.region(start, text.length());
				if (matcher.lookingAt()) {
					out.add(start, matcher.end());
					from = Math.max(matcher.end(), from);
				}
			}
		}

		private static boolean isLocalPart(char c) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
					|| c == '%' || c == '+' || c == '-';
		}

	}

	/**
	 * Phone numbers, card numbers and IPv4 addresses: tried only where a run of digits starts (or
	 * at the {@code +} or {@code (} just before it).
	 */
	private static final class NumberShaped extends Rule {

		private final Pattern pattern;

		private final boolean luhn;

		NumberShaped(String regex, boolean luhn) {
			this.pattern = Pattern.compile(regex);
			this.luhn = luhn;
		}

		@Override
		void find(String text, Ranges out) {
			Matcher matcher = null;
			int length = text.length();
			int i = 0;
			while (i < length) {
				if (isDigit(text.charAt(i)) && (i == 0 || !isDigit(text.charAt(i - 1)))) {
					int start = (i > 0 && (text.charAt(i - 1) == '+' || text.charAt(i - 1) == '(')) ? i - 1 : i;
					if (matcher == null) {
						matcher = this.pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
					}
					matcher.region(start, length);
					if (matcher.lookingAt() && (!this.luhn || luhnValid(text, start, matcher.end()))) {
						out.add(start, matcher.end());
						i = Math.max(matcher.end(), i + 1);
						continue;
					}
				}
				i++;
			}
		}

	}

	/** IPv6 addresses, tried from the start of each run of hex digits and colons that holds a colon. */
	private static final class Ipv6 extends Rule {

		private static final Pattern PATTERN = Pattern.compile(IPV6);

		@Override
		void find(String text, Ranges out) {
			Matcher matcher = null;
			int from = 0;
			int colon;
			while ((colon = text.indexOf(':', from)) >= 0) {
				int start = colon;
				while (start > 0 && isHexOrColon(text.charAt(start - 1))) {
					start--;
				}
				int end = colon;
				while (end < text.length() && isHexOrColon(text.charAt(end))) {
					end++;
				}
				if (matcher == null) {
					matcher = PATTERN.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
				}
				matcher.region(start, text.length());
				if (matcher.lookingAt()) {
					out.add(start, matcher.end());
					end = Math.max(end, matcher.end());
				}
				from = end + 1;
			}
		}

		private static boolean isHexOrColon(char c) {
			return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
		}

	}

	/** One of the application's own patterns, scanned over the whole text. */
	private static final class Scanned extends Rule {

		private final Pattern pattern;

		Scanned(String regex) {
			this.pattern = Pattern.compile(regex);
		}

		@Override
		void find(String text, Ranges out) {
			Matcher matcher = this.pattern.matcher(text);
			while (matcher.find()) {
				if (matcher.end() > matcher.start()) {
					out.add(matcher.start(), matcher.end());
				}
			}
		}

	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static boolean luhnValid(CharSequence text, int start, int end) {
		int sum = 0;
		boolean doubled = false;
		for (int i = end - 1; i >= start; i--) {
			char c = text.charAt(i);
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

	/** Matched ranges; overlapping ones are merged, so each secret is replaced once. */
	private static final class Ranges {

		private long[] ranges = new long[4];

		private int size;

		void add(int start, int end) {
			if (this.size == this.ranges.length) {
				this.ranges = Arrays.copyOf(this.ranges, this.size * 2);
			}
			this.ranges[this.size++] = ((long) start << 32) | end;
		}

		boolean isEmpty() {
			return this.size == 0;
		}

		String replace(String text, String replacement) {
			Arrays.sort(this.ranges, 0, this.size);
			StringBuilder out = new StringBuilder(text.length());
			int copied = 0;
			int i = 0;
			while (i < this.size) {
				int start = (int) (this.ranges[i] >>> 32);
				int end = (int) this.ranges[i];
				i++;
				while (i < this.size && (int) (this.ranges[i] >>> 32) <= end) {
					end = Math.max(end, (int) this.ranges[i]);
					i++;
				}
				out.append(text, copied, start).append(replacement);
				copied = end;
			}
			return out.append(text, copied, text.length()).toString();
		}

	}

}
