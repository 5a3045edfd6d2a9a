package com.runcascade.tracing.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Writes values as JSON with the Jackson the application has: Jackson 3 (Spring Boot 4) when present,
 * else Jackson 2 (Spring Boot 3), else {@link PlainJsonEngine}, Cascade's own writer for maps,
 * collections, arrays, records and scalars. Chosen once per class loader; the core depends on no
 * Jackson.
 * <p>
 * Every engine stops at a nesting depth (a cycle becomes an error, not a stack overflow) and writes
 * the {@link #PLACEHOLDER_TYPES placeholder types} as their class name: serializing them would
 * consume or block on the user's data.
 * <p>
 * Internal: public only for the Spring layer (the trace viewer writes its pages with it).
 */
public abstract class JsonEngine {

	/** Types written as {@code "<class name>"}. */
	static final List<Class<?>> PLACEHOLDER_TYPES = List.of(BaseStream.class, InputStream.class, OutputStream.class,
			Reader.class, Writer.class, Iterator.class, Thread.class, ClassLoader.class);

	private static final String JACKSON_3 = "tools.jackson.databind.json.JsonMapper";

	private static final String JACKSON_2 = "com.fasterxml.jackson.databind.json.JsonMapper";

	/**
	 * The engine for the Jackson found next to Cascade.
	 * @param maxNestingDepth deepest nesting written
	 * @return the engine
	 */
	public static JsonEngine detect(int maxNestingDepth) {
		ClassLoader loader = JsonEngine.class.getClassLoader();
		if (isPresent(JACKSON_3, loader)) {
			try {
				return new Jackson3Engine(maxNestingDepth);
			}
			catch (RuntimeException | LinkageError ex) {
				unusable("Jackson 3", ex);
			}
		}
		if (isPresent(JACKSON_2, loader)) {
			try {
				return new Jackson2Engine(maxNestingDepth);
			}
			catch (RuntimeException | LinkageError ex) {
				// A Jackson 2 too old for StreamWriteConstraints (before 2.15), or a broken module on the class path.
				unusable("Jackson 2", ex);
			}
		}
		return new PlainJsonEngine(maxNestingDepth);
	}

	private static void unusable(String jackson, Throwable ex) {
		LoggerFactory.getLogger(JsonEngine.class)
			.warn("Cascade cannot write JSON with the application's " + jackson
					+ " (" + ex + "); it records content with its next JSON writer", ex);
	}

	/**
	 * Write one value.
	 * @param out where to write
	 * @param value any value
	 * @throws IOException when the writer fails, or the value cannot be written (too deep, a
	 * failing getter; Jackson 3 throws its unchecked exceptions instead): see {@link #isTooDeep}
	 */
	public abstract void write(Writer out, @Nullable Object value) throws IOException;

	/**
	 * Write one value as a string.
	 * @param value any value
	 * @return its JSON
	 * @throws IOException when the value cannot be written
	 */
	public String toJson(@Nullable Object value) throws IOException {
		StringWriter out = new StringWriter();
		write(out, value);
		return out.toString();
	}

	/**
	 * Whether a failure of {@link #write} came from the nesting limit.
	 * @param ex the failure or one of its causes
	 * @return whether it is this engine's nesting error
	 */
	abstract boolean isNestingError(Throwable ex);

	/**
	 * Which engine this is, for logs and tests.
	 * @return {@code jackson3}, {@code jackson2} or {@code plain}
	 */
	public abstract String name();

	/**
	 * Whether a failure, or one of its first causes, is a stack overflow or the nesting limit.
	 * @param ex a failure of {@link #write}
	 * @return whether the value was nested too deep (a cycle, usually)
	 */
	public boolean isTooDeep(Throwable ex) {
		Throwable current = ex;
		for (int i = 0; i < 8 && current != null; i++) {
			if (current instanceof StackOverflowError || isNestingError(current)) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	static String placeholderText(Object value) {
		return "<" + value.getClass().getName() + ">";
	}

	private static boolean isPresent(String className, @Nullable ClassLoader loader) {
		try {
			Class.forName(className, false, loader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
