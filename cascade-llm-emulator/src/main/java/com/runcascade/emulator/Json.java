package com.runcascade.emulator;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * Jackson 2, set up and read the way Jackson 3 does by default. The emulator runs on Spring Boot
 * 3 (Jackson 2 only) as well as Boot 4: it brings Jackson 2 so as not to put Jackson 3 on a Boot 3
 * class path, and answers byte for byte what it answered when it was written against Jackson 3.
 *
 * @author Cascade
 */
final class Json {

	/** Jackson 3's defaults where they differ from Jackson 2's for reading and writing trees. */
	static final JsonMapper mapper = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxNestingDepth(500).maxStringLength(100_000_000).build())
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(500).build())
			.build())
		// "{...} x" is not a JSON object.
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private Json() {
	}

	/**
	 * Return the text of a scalar node (a number or boolean as written), or the default for a
	 * missing, null or container node, as Jackson 3's {@code asString(String)} does (Jackson 2's
	 * {@code asText(String)} gives a container an empty text).
	 */
	static String text(JsonNode node, String defaultValue) {
		return node.isContainerNode() ? defaultValue : node.asText(defaultValue);
	}

	/** {@link #text(JsonNode, String)} with no default. */
	static @Nullable String textOrNull(JsonNode node) {
		return node.isContainerNode() ? null : node.asText(null);
	}

	/**
	 * Whether a node is {@code true}, a non-zero integer or the string {@code "true"}, as Jackson
	 * 3's {@code asBoolean(false)} reads it (Jackson 2 also takes {@code " true "}).
	 */
	static boolean isTrue(JsonNode node) {
		return node.isTextual() ? "true".equals(node.textValue()) : node.asBoolean(false);
	}

	/** Jackson 2 declares the checked exception Jackson 3 replaced by an unchecked one. */
	static String write(JsonNode node) {
		try {
			return mapper.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Write a node as UTF-8 the way Jackson 3 does: a surrogate pair (an emoji) as its four bytes and a
	 * lone surrogate escaped. Jackson 2's UTF-8 writer escapes pairs unless told not to, and 2.19 (Spring
	 * Boot 3.5's) then garbles a lone surrogate: the text is written instead, and encoded here.
	 */
	static byte[] writeBytes(JsonNode node) {
		String json = write(node);
		StringBuilder text = new StringBuilder(json.length());
		for (int i = 0; i < json.length(); i++) {
			char c = json.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
				text.append(c).append(json.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				// Only a JSON string can hold one, so the escape keeps the document valid.
				text.append(String.format("\\u%04X", (int) c));
			}
			else {
				text.append(c);
			}
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

}
