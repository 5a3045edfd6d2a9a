package com.runcascade.tracing.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Turns captured content (tool arguments, results, prompts, completions) into bounded attribute
 * values. Never throws: a value Jackson cannot write becomes a short placeholder.
 *
 * <p>
 * Values are written as JSON into a writer that stops at a hard cap ({@value #HARD_CAP_FACTOR} times
 * the attribute limit), so a huge collection costs bounded time and memory. The attribute keeps the
 * first {@code maxLength} characters followed by a marker stating the original length.
 */
public final class ContentFormatter {

	static final int HARD_CAP_FACTOR = 4;

	private final boolean captureContent;

	private final int maxLength;

	private final int hardCap;

	private final JsonMapper mapper;

	public ContentFormatter(boolean captureContent, int maxLength) {
		if (maxLength < 1) {
			throw new IllegalArgumentException("cascade.max-attribute-length must be at least 1 byte, was " + maxLength);
		}
		this.captureContent = captureContent;
		this.maxLength = maxLength;
		this.hardCap = (int) Math.min(Integer.MAX_VALUE - 16, (long) maxLength * HARD_CAP_FACTOR);
		this.mapper = JsonMapper.builder()
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.addModule(placeholderModule())
			.build();
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
	 * Cut a string to the attribute limit, appending a marker with the original length.
	 * @param value the value
	 * @return the value, or its cut form
	 */
	public String truncate(String value) {
		if (value.length() <= this.maxLength) {
			return value;
		}
		return value.substring(0, this.maxLength) + truncationMarker(String.valueOf(value.length()));
	}

	/**
	 * Write a value as bounded JSON. Strings are written as they are (not quoted) so text reads
	 * naturally in a trace viewer.
	 * @param value any value
	 * @return JSON text, cut to the attribute limit
	 */
	public String toJson(@Nullable Object value) {
		if (value instanceof CharSequence text) {
			return truncate(text.toString());
		}
		return writeBounded(value);
	}

	/**
	 * Write method arguments as a JSON object of parameter name to value.
	 * @param names parameter names
	 * @param values argument values
	 * @return JSON text, cut to the attribute limit
	 */
	public String argumentsJson(String[] names, @Nullable Object[] values) {
		Map<String, @Nullable Object> arguments = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			arguments.put((i < names.length) ? names[i] : "arg" + i, values[i]);
		}
		return writeBounded(arguments);
	}

	private String writeBounded(@Nullable Object value) {
		BoundedWriter writer = new BoundedWriter(this.hardCap);
		try {
			this.mapper.writeValue(writer, value);
		}
		catch (RuntimeException | StackOverflowError ex) {
			if (!writer.overflowed) {
				return placeholder(value, ex);
			}
		}
		if (writer.overflowed) {
			return writer.head(this.maxLength) + truncationMarker("over " + this.hardCap);
		}
		return truncate(writer.toString());
	}

	private static String placeholder(@Nullable Object value, Throwable ex) {
		String type = (value != null) ? value.getClass().getName() : "null";
		String reason = (ex instanceof StackOverflowError) ? "nesting too deep (cycle?)" : ex.getClass().getSimpleName();
		return "<unserializable " + type + ": " + reason + ">";
	}

	private static String truncationMarker(String originalLength) {
		return "...[truncated by Cascade, original length " + originalLength + " chars]";
	}

	/** Types whose serialization would consume or block on the user's data: write their type instead. */
	private static SimpleModule placeholderModule() {
		SimpleModule module = new SimpleModule("cascade-placeholders");
		TypePlaceholderSerializer serializer = new TypePlaceholderSerializer();
		module.addSerializer(BaseStream.class, serializer);
		module.addSerializer(InputStream.class, serializer);
		module.addSerializer(OutputStream.class, serializer);
		module.addSerializer(Reader.class, serializer);
		module.addSerializer(Writer.class, serializer);
		module.addSerializer(Iterator.class, serializer);
		module.addSerializer(Thread.class, serializer);
		module.addSerializer(ClassLoader.class, serializer);
		return module;
	}

	private static final class TypePlaceholderSerializer extends ValueSerializer<Object> {

		@Override
		public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeString("<" + value.getClass().getName() + ">");
		}

	}

	/** Collects characters up to a cap, then fails the write so Jackson stops early. */
	private static final class BoundedWriter extends Writer {

		private final StringBuilder buffer = new StringBuilder(256);

		private final int cap;

		boolean overflowed;

		BoundedWriter(int cap) {
			this.cap = cap;
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
		public void flush() {
		}

		@Override
		public void close() {
		}

		/** The first characters, without copying the whole buffer first. */
		String head(int length) {
			return this.buffer.substring(0, Math.min(length, this.buffer.length()));
		}

		@Override
		public String toString() {
			return this.buffer.toString();
		}

	}

}
