package com.runcascade.tracing.support;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * {@link JsonEngine} for applications without Jackson: writes null, strings, numbers, booleans,
 * enums, maps, collections and other iterables, arrays, {@link Optional}s and records as Jackson's
 * defaults would. Any other object is written as the JSON string of its {@code toString()} (Jackson
 * would write its getters); the placeholder types as their class name.
 */
final class PlainJsonEngine extends JsonEngine {

	/** A record's accessors, looked up once per record class. */
	private static final ClassValue<Method @Nullable []> RECORD_ACCESSORS = new ClassValue<>() {
		@Override
		protected Method @Nullable [] computeValue(Class<?> type) {
			try {
				RecordComponent[] components = type.getRecordComponents();
				Method[] accessors = new Method[components.length];
				for (int i = 0; i < components.length; i++) {
					accessors[i] = components[i].getAccessor();
					accessors[i].setAccessible(true);
				}
				return accessors;
			}
			catch (RuntimeException ex) {
				// Not open to Cascade (a module that does not open the package): written by toString().
				return null;
			}
		}
	};

	private final int maxNestingDepth;

	PlainJsonEngine(int maxNestingDepth) {
		this.maxNestingDepth = maxNestingDepth;
	}

	@Override
	public void write(Writer out, @Nullable Object value) throws IOException {
		StringBuilder json = new StringBuilder();
		append(json, value, 0);
		out.write(json.toString());
	}

	@Override
	boolean isNestingError(Throwable ex) {
		return ex instanceof NestingTooDeep;
	}

	@Override
	public String name() {
		return "plain";
	}

	private void append(StringBuilder json, @Nullable Object value, int depth) throws IOException {
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof CharSequence || value instanceof Character) {
			appendString(json, value.toString());
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte || value instanceof BigInteger
				|| value instanceof BigDecimal) {
			json.append(value);
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isFinite(number)) {
				json.append(value);
			}
			else {
				// Jackson's default: NaN and infinities as strings.
				appendString(json, value.toString());
			}
		}
		else if (value instanceof Enum<?> constant) {
			appendString(json, constant.name());
		}
		else if (value instanceof byte[] bytes) {
			appendString(json, Base64.getEncoder().encodeToString(bytes));
		}
		else if (isPlaceholder(value)) {
			appendString(json, placeholderText(value));
		}
		else {
			appendStructure(json, value, depth + 1);
		}
	}

	private void appendStructure(StringBuilder json, Object value, int depth) throws IOException {
		if (depth > this.maxNestingDepth) {
			throw new NestingTooDeep(this.maxNestingDepth);
		}
		if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				first = comma(json, first);
				appendString(json, String.valueOf(entry.getKey()));
				json.append(':');
				append(json, entry.getValue(), depth);
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> iterable) {
			json.append('[');
			boolean first = true;
			for (Object element : iterable) {
				first = comma(json, first);
				append(json, element, depth);
			}
			json.append(']');
		}
		else if (value.getClass().isArray()) {
			json.append('[');
			int length = Array.getLength(value);
			for (int i = 0; i < length; i++) {
				comma(json, i == 0);
				append(json, Array.get(value, i), depth);
			}
			json.append(']');
		}
		else if (value instanceof Optional<?> optional) {
			append(json, optional.orElse(null), depth);
		}
		else if (value instanceof Record) {
			appendRecord(json, value, depth);
		}
		else {
			appendString(json, value.toString());
		}
	}

	private void appendRecord(StringBuilder json, Object value, int depth) throws IOException {
		Method[] accessors = RECORD_ACCESSORS.get(value.getClass());
		if (accessors == null) {
			appendString(json, value.toString());
			return;
		}
		json.append('{');
		for (int i = 0; i < accessors.length; i++) {
			comma(json, i == 0);
			appendString(json, accessors[i].getName());
			json.append(':');
			try {
				append(json, accessors[i].invoke(value), depth);
			}
			catch (ReflectiveOperationException ex) {
				throw new IOException("Cannot read " + value.getClass().getName() + "." + accessors[i].getName(), ex);
			}
		}
		json.append('}');
	}

	private static boolean comma(StringBuilder json, boolean first) {
		if (!first) {
			json.append(',');
		}
		return false;
	}

	private static boolean isPlaceholder(Object value) {
		for (Class<?> type : PLACEHOLDER_TYPES) {
			if (type.isInstance(value)) {
				return true;
			}
		}
		return false;
	}

	/** Appends a JSON string literal, escaping as Jackson does. */
	static void appendString(StringBuilder json, String text) {
		ContentFormatter.appendJsonString(json, text);
	}

	/** The nesting limit was passed: a cycle, usually. */
	static final class NestingTooDeep extends IOException {

		private static final long serialVersionUID = 1L;

		NestingTooDeep(int limit) {
			super("Nesting deeper than " + limit + " levels");
		}

	}

}
