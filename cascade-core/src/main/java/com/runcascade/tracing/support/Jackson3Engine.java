package com.runcascade.tracing.support;

import java.io.Writer;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** {@link JsonEngine} on Jackson 3 ({@code tools.jackson}), loaded only when Jackson 3 is present. */
final class Jackson3Engine extends JsonEngine {

	private final JsonMapper mapper;

	Jackson3Engine(int maxNestingDepth) {
		SimpleModule placeholders = new SimpleModule("cascade-placeholders");
		for (Class<?> type : PLACEHOLDER_TYPES) {
			placeholders.addSerializer(type, new Placeholder());
		}
		this.mapper = JsonMapper
			.builder(JsonFactory.builder()
				.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(maxNestingDepth).build())
				.build())
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.addModule(placeholders)
			.build();
	}

	@Override
	public void write(Writer out, @Nullable Object value) {
		// Jackson 3's exceptions are unchecked: they reach the caller as they are.
		this.mapper.writeValue(out, value);
	}

	@Override
	boolean isNestingError(Throwable ex) {
		return ex instanceof StreamConstraintsException;
	}

	@Override
	public String name() {
		return "jackson3";
	}

	private static final class Placeholder extends ValueSerializer<Object> {

		@Override
		public void serialize(Object value, JsonGenerator gen, SerializationContext context) {
			gen.writeString(placeholderText(value));
		}

	}

}
