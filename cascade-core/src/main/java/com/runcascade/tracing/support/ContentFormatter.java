package com.runcascade.tracing.support;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.Redactor;

/**
 * Turns captured content (tool arguments, results, prompts, completions, errors, metadata) into
 * bounded, redacted attribute values. Never throws: a value that cannot be written becomes a short
 * placeholder. JSON goes through {@link JsonEngine}: the application's Jackson 3 or 2, or Cascade's
 * own writer.
 *
 * <p>
 * Values are written as JSON into a writer that stops at a hard cap ({@value #HARD_CAP_FACTOR} times
 * the attribute limit), so a huge collection costs bounded time and memory. The attribute keeps the
 * first {@code maxLength} characters followed by a marker stating the original length. Redaction
 * runs here, on every string any integration records, and only on the recorded copy.
 *
 * <p>
 * Writing a value as JSON calls its getters, on the traced thread; each argument and each result
 * is written once.
 */
public final class ContentFormatter {

	static final int HARD_CAP_FACTOR = 4;

	/** Characters past the limit that are still redacted, so a secret cut by the limit is not half kept. */
	static final int REDACTION_MARGIN = 512;

	/** Deeper values are cut short: a cycle costs 64 levels of getter calls, not a stack overflow. */
	static final int MAX_NESTING_DEPTH = 64;

	/** Longest string written without Jackson; a longer one may go past the hard cap. */
	static final int SCALAR_STRING_LIMIT = 1024;

	/** Most elements of a collection written without Jackson. */
	static final int SCALAR_COLLECTION_LIMIT = 64;

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private static final ContentFormatter DEFAULTS = new ContentFormatter(true, 16 * 1024);

	private final boolean captureContent;

	private final int maxLength;

	private final int hardCap;

	private final Redactor redactor;

	private final JsonEngine json;

	/**
	 * A formatter with the built-in secret redaction.
	 * @param captureContent whether content is recorded
	 * @param maxLength longest recorded value
	 */
	public ContentFormatter(boolean captureContent, int maxLength) {
		this(captureContent, maxLength, PatternRedactor.secrets());
	}

	/**
	 * The redaction Cascade applies to every captured string: its pattern rules, when any is on,
	 * then the application's own redactors in order.
	 * @param secrets whether the built-in secret patterns are on
	 * @param presets names of opt-in presets: {@code email}, {@code credit-card}, {@code phone},
	 * {@code ip}
	 * @param patterns the application's own regular expressions
	 * @param replacement what each match becomes
	 * @param custom the application's {@link Redactor} beans, applied after the patterns
	 * @return the redactor
	 * @throws IllegalArgumentException for an unknown preset or an invalid pattern, naming it
	 */
	public static Redactor redaction(boolean secrets, Collection<String> presets, Collection<String> patterns,
			String replacement, List<Redactor> custom) {
		List<Redactor> chain = new ArrayList<>();
		PatternRedactor rules = new PatternRedactor(secrets, presets, patterns, replacement);
		if (rules.isActive()) {
			chain.add(rules);
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

	/**
	 * A formatter with the given redaction.
	 * @param captureContent whether content is recorded
	 * @param maxLength longest recorded value
	 * @param redactor applied to every recorded string
	 */
	public ContentFormatter(boolean captureContent, int maxLength, Redactor redactor) {
		if (maxLength < 1) {
			throw new IllegalArgumentException("cascade.max-attribute-length must be at least 1 byte, was " + maxLength);
		}
		this.captureContent = captureContent;
		this.maxLength = maxLength;
		this.hardCap = (int) Math.min(Integer.MAX_VALUE - 16, (long) maxLength * HARD_CAP_FACTOR);
		this.redactor = redactor;
		this.json = JsonEngine.detect(MAX_NESTING_DEPTH);
	}

	/**
	 * The formatter used where none is configured: content on, 16 KB, built-in secret redaction.
	 * @return a shared formatter
	 */
	public static ContentFormatter defaults() {
		return DEFAULTS;
	}

	/**
	 * Whether prompts, completions, tool arguments and results are recorded at all.
	 * @return whether content is captured
	 */
	public boolean captureContent() {
		return this.captureContent;
	}

	public int maxLength() {
		return this.maxLength;
	}

	/**
	 * Redact a string and cut it to the attribute limit, appending a marker with the original length.
	 * @param value the value
	 * @return the value to record
	 */
	public String truncate(String value) {
		return record(value, value.length(), null);
	}

	/**
	 * Write a value as bounded JSON. Strings are written as they are (not quoted) so text reads
	 * naturally in a trace viewer.
	 * @param value any value
	 * @return JSON text, redacted and cut to the attribute limit
	 */
	public String toJson(@Nullable Object value) {
		if (value instanceof CharSequence text) {
			return truncate(safeToString(text));
		}
		return writeBounded(value);
	}

	/**
	 * Write method arguments as a JSON object of parameter name to value. Each argument is written
	 * once and on its own, so one that cannot be written becomes a placeholder without hiding the
	 * others.
	 * @param names parameter names
	 * @param values argument values
	 * @return JSON text, redacted and cut to the attribute limit
	 */
	public String argumentsJson(String[] names, @Nullable Object[] values) {
		// One builder for the whole object: Jackson writes each argument straight into it.
		StringBuilder json = new StringBuilder(64 + 16 * values.length).append('{');
		BoundedWriter writer = new BoundedWriter(json, this.hardCap);
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				json.append(',');
			}
			String name = (i < names.length) ? names[i] : "arg" + i;
			appendJsonString(json, name);
			json.append(':');
			if (!appendScalar(json, values[i])) {
				int mark = json.length();
				String placeholder = write(values[i], writer);
				if (placeholder != null) {
					json.setLength(mark);
					json.append(placeholder);
				}
			}
			if (writer.overflowed || json.length() > this.hardCap) {
				return record(json, json.length(), "over " + this.hardCap);
			}
		}
		return record(json.append('}'), json.length(), null);
	}

	/**
	 * Write objects whose fields are all strings (a conversation's role and content, the tools
	 * offered to a model) as a JSON array, exactly as Jackson writes such records, but without
	 * Jackson: these are written on every LLM call, mostly before the JIT has compiled the path,
	 * where creating a Jackson generator and serialization context costs more than the writing.
	 * @param <T> the type of the objects
	 * @param items the objects
	 * @param keys the field names, in order
	 * @param fields reads a field of an object by its index in {@code keys}; {@code null} leaves it out
	 * @return JSON text, redacted and cut to the attribute limit
	 */
	public <T> String stringFieldsJson(List<T> items, String[] keys, FieldReader<T> fields) {
		StringBuilder json = new StringBuilder(capacity(items, keys, fields)).append('[');
		for (int i = 0; i < items.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append('{');
			boolean first = true;
			for (int k = 0; k < keys.length; k++) {
				String value = fields.field(items.get(i), k);
				if (value == null) {
					continue;
				}
				if (!first) {
					json.append(',');
				}
				first = false;
				appendJsonString(json, keys[k]);
				json.append(':');
				int room = this.hardCap - json.length();
				if (value.length() > room) {
					// Write no more of a huge value than the hard cap keeps, as the bounded writer does.
					appendJsonString(json, value.substring(0, Math.max(room, 0) + 1));
					return record(json, json.length(), "over " + this.hardCap);
				}
				appendJsonString(json, value);
			}
			json.append('}');
			if (json.length() > this.hardCap) {
				return record(json, json.length(), "over " + this.hardCap);
			}
		}
		return record(json.append(']'), json.length(), null);
	}

	/** Room for the whole array (escapes aside), up to the hard cap, so the builder never grows. */
	private <T> int capacity(List<T> items, String[] keys, FieldReader<T> fields) {
		long length = 2;
		for (int i = 0; i < items.size() && length <= this.hardCap; i++) {
			for (int k = 0; k < keys.length; k++) {
				String value = fields.field(items.get(i), k);
				length += (value != null) ? value.length() + keys[k].length() + 6 : 0;
			}
			length += 3;
		}
		return (int) Math.min(length, this.hardCap + 64L);
	}

	/**
	 * Reads the string fields of one object for {@link #stringFieldsJson}.
	 *
	 * @param <T> the type of the objects
	 */
	@FunctionalInterface
	public interface FieldReader<T> {

		/**
		 * One field of an object.
		 * @param item the object
		 * @param index the field's index among the keys
		 * @return the value, or {@code null} to leave the field out
		 */
		@Nullable String field(T item, int index);

	}

	/** Append a JSON string with the escapes Jackson writes by default. */
	static void appendJsonString(StringBuilder json, String text) {
		json.append('"');
		int plain = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\') {
				continue;
			}
			json.append(text, plain, i);
			plain = i + 1;
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		json.append(text, plain, text.length()).append('"');
	}

	private String writeBounded(@Nullable Object value) {
		if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long) {
			return truncate(String.valueOf(value));
		}
		StringBuilder json = new StringBuilder(128);
		if (value instanceof Collection<?> collection && appendScalars(json, collection)) {
			return record(json, json.length(), null);
		}
		json.setLength(0);
		BoundedWriter writer = new BoundedWriter(json, this.hardCap);
		String placeholder = write(value, writer);
		if (placeholder != null) {
			return unquote(placeholder);
		}
		if (writer.overflowed) {
			return record(json, json.length(), "over " + this.hardCap);
		}
		return record(json, json.length(), null);
	}

	/**
	 * Append a small JDK collection of scalars (a tool's list of names, say) as Jackson writes it.
	 * @return false when the collection needs Jackson (another class, too many or other elements)
	 */
	private static boolean appendScalars(StringBuilder json, Collection<?> collection) {
		// A collection class of the application's own may carry Jackson annotations of its own.
		if (collection.size() > SCALAR_COLLECTION_LIMIT || !collection.getClass().getName().startsWith("java.util.")) {
			return false;
		}
		json.append('[');
		boolean first = true;
		for (Object element : collection) {
			if (!first) {
				json.append(',');
			}
			first = false;
			if (!appendScalar(json, element)) {
				return false;
			}
		}
		json.append(']');
		return true;
	}

	/**
	 * Append the values whose JSON is known without Jackson (null, booleans, whole numbers, strings
	 * up to {@value #SCALAR_STRING_LIMIT} characters) exactly as Jackson writes them.
	 * @return false when the value needs Jackson
	 */
	private static boolean appendScalar(StringBuilder json, @Nullable Object value) {
		if (value == null) {
			json.append("null");
			return true;
		}
		if (value instanceof String text) {
			if (text.length() > SCALAR_STRING_LIMIT) {
				// Long strings go through the bounded writer, which stops at the hard cap.
				return false;
			}
			appendJsonString(json, text);
			return true;
		}
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof Boolean) {
			json.append(value);
			return true;
		}
		return false;
	}

	/**
	 * Write one value as JSON into the writer.
	 * @return null when written (possibly cut short), else a quoted placeholder
	 */
	private @Nullable String write(@Nullable Object value, BoundedWriter writer) {
		try {
			this.json.write(writer, value);
			return null;
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			if (writer.overflowed) {
				return null;
			}
			return quote(placeholder(value, ex));
		}
	}

	/**
	 * Redact at most the limit plus a margin, then cut to the limit.
	 * @param text the text, possibly much longer than the limit
	 * @param length its length
	 * @param over the hard cap the original went over, or null when {@code length} is the original length
	 */
	private String record(CharSequence text, int length, @Nullable String over) {
		String head;
		if (length > this.maxLength + REDACTION_MARGIN) {
			head = (text instanceof StringBuilder builder) ? builder.substring(0, this.maxLength + REDACTION_MARGIN)
					: text.subSequence(0, this.maxLength + REDACTION_MARGIN).toString();
		}
		else {
			head = text.toString();
		}
		String redacted = redact(head);
		if (length <= this.maxLength && redacted.length() <= this.maxLength) {
			return redacted;
		}
		String originalLength = (over != null) ? over : String.valueOf(length);
		if (redacted.length() <= this.maxLength) {
			return redacted + truncationMarker(originalLength);
		}
		return redacted.substring(0, this.maxLength) + truncationMarker(originalLength);
	}

	private String redact(String text) {
		try {
			return this.redactor.redact(text);
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			// Never record what a failing redactor may have been meant to hide.
			return "<redaction failed: " + ex.getClass().getName() + ">";
		}
	}

	private String safeToString(CharSequence text) {
		try {
			return text.toString();
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			return placeholder(text, ex);
		}
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2);
		appendJsonString(quoted, text);
		return quoted.toString();
	}

	/** Placeholders only hold class names and fixed text, so dropping the quotes is exact. */
	private static String unquote(String quoted) {
		return quoted.substring(1, quoted.length() - 1);
	}

	private String placeholder(@Nullable Object value, Throwable ex) {
		String type = (value != null) ? value.getClass().getName() : "null";
		String reason = this.json.isTooDeep(ex) ? "nesting too deep (cycle?)" : ex.getClass().getSimpleName();
		return "<unserializable " + type + ": " + reason + ">";
	}

	private static String truncationMarker(String originalLength) {
		return "...[truncated by Cascade, original length " + originalLength + " chars]";
	}

	/**
	 * Appends characters to the caller's builder until it holds the cap, then fails the write so
	 * Jackson stops early.
	 */
	private static final class BoundedWriter extends Writer {

		private final StringBuilder buffer;

		private final int cap;

		boolean overflowed;

		BoundedWriter(StringBuilder buffer, int cap) {
			this.buffer = buffer;
			this.cap = Math.max(cap, 0);
		}

		@Override
		public void write(char[] chars, int offset, int length) throws IOException {
			int room = this.cap - this.buffer.length();
			if (length > room) {
				this.buffer.append(chars, offset, Math.max(room, 0));
				this.overflowed = true;
				throw new IOException("Cascade attribute cap reached");
			}
			this.buffer.append(chars, offset, length);
		}

		@Override
		public void write(String text, int offset, int length) throws IOException {
			int room = this.cap - this.buffer.length();
			if (length > room) {
				this.buffer.append(text, offset, offset + Math.max(room, 0));
				this.overflowed = true;
				throw new IOException("Cascade attribute cap reached");
			}
			this.buffer.append(text, offset, offset + length);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

		@Override
		public String toString() {
			return this.buffer.toString();
		}

	}

}
