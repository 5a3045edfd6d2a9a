package com.runcascade.tracing.support;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.jspecify.annotations.Nullable;

/**
 * {@link JsonEngine} on Jackson 2 ({@code com.fasterxml.jackson}, as Spring Boot 3 ships it), loaded
 * only when Jackson 3 is absent and Jackson 2 present. Registers the Jackson modules found on the
 * class path (java.time, JDK 8 types), as Jackson 3 has them built in.
 */
final class Jackson2Engine extends JsonEngine {

	private final JsonMapper mapper;

	Jackson2Engine(int maxNestingDepth) {
		SimpleModule placeholders = new SimpleModule("cascade-placeholders");
		for (Class<?> type : PLACEHOLDER_TYPES) {
			addPlaceholder(placeholders, type);
		}
		JsonFactory factory = JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxNestingDepth).build())
			.build();
		this.mapper = JsonMapper.builder(factory)
			.findAndAddModules()
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.addModule(placeholders)
			.build();
	}

	private static <T> void addPlaceholder(SimpleModule module, Class<T> type) {
		module.addSerializer(type, new Placeholder<>(type));
	}

	@Override
	public void write(Writer out, @Nullable Object value) throws IOException {
		this.mapper.writeValue(out, value);
	}

	@Override
	boolean isNestingError(Throwable ex) {
		return ex instanceof StreamConstraintsException;
	}

	@Override
	public String name() {
		return "jackson2";
	}

	private static final class Placeholder<T> extends StdSerializer<T> {

		private static final long serialVersionUID = 1L;

		Placeholder(Class<T> type) {
			super(type);
		}

		@Override
		public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
			gen.writeString(placeholderText(value));
		}

	}

}
