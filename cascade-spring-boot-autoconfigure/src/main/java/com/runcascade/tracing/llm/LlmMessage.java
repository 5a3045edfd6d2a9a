package com.runcascade.tracing.llm;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * One message of a conversation sent to a model, in a provider-neutral form. Writes itself as
 * {@code {"role":...,"content":...}} (what Jackson would write for the record), without the
 * reflective accessor calls of Jackson's bean serializer: {@code llm.messages} is written on every
 * LLM call, mostly before the JIT has compiled the path.
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content the message text; tool calls and tool results in a readable text form
 */
public record LlmMessage(String role, String content) implements JacksonSerializable {

	public static final String SYSTEM = "system";

	public static final String USER = "user";

	public static final String ASSISTANT = "assistant";

	public static final String TOOL = "tool";

	@Override
	public void serialize(JsonGenerator generator, SerializationContext context) {
		generator.writeStartObject(this);
		generator.writeStringProperty("role", this.role);
		generator.writeStringProperty("content", this.content);
		generator.writeEndObject();
	}

	@Override
	public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer types) {
		serialize(generator, context);
	}

}
