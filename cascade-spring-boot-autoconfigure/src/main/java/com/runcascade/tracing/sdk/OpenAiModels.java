package com.runcascade.tracing.sdk;

import java.util.Optional;
import java.util.function.Supplier;

import com.openai.models.ChatModel;
import com.openai.models.ResponsesModel;
import org.jspecify.annotations.Nullable;

/**
 * Small helpers to read the SDK's models defensively: a field that is missing or malformed in a
 * response reads as absent instead of failing the trace.
 */
final class OpenAiModels {

	private OpenAiModels() {
	}

	static <T> @Nullable T orNull(Supplier<@Nullable T> accessor) {
		try {
			return accessor.get();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static <T> T orDefault(Supplier<@Nullable T> accessor, T fallback) {
		T value = orNull(accessor);
		return (value != null) ? value : fallback;
	}

	static <T> Optional<T> optional(Supplier<Optional<T>> accessor) {
		try {
			return accessor.get();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	static <T> @Nullable T optionalOrNull(Supplier<Optional<T>> accessor) {
		return optional(accessor).orElse(null);
	}

	static String modelName(ResponsesModel model) {
		if (model.isString()) {
			return model.asString();
		}
		if (model.isChat()) {
			return model.asChat().asString();
		}
		if (model.isOnly()) {
			return model.asOnly().asString();
		}
		return "unknown";
	}

	static String modelName(ChatModel model) {
		return model.asString();
	}

	static String toolUse(String name, String argumentsJson) {
		return "[tool_use " + name + " " + (argumentsJson.isBlank() ? "{}" : argumentsJson) + "]";
	}

	static String toolResult(@Nullable String callId, String content) {
		return "[tool_result" + ((callId != null) ? " " + callId : "") + "] " + content;
	}

	static void appendLine(StringBuilder text, @Nullable String line) {
		if (line == null || line.isEmpty()) {
			return;
		}
		if (!text.isEmpty()) {
			text.append('\n');
		}
		text.append(line);
	}

}
