package com.runcascade.tracing.sdk.openai;


import com.openai.models.ChatModel;
import com.openai.models.ResponsesModel;
import org.jspecify.annotations.Nullable;

/** The OpenAI SDK's model ids, and how tool calls and results read in a captured conversation. */
final class OpenAiModels {

	private OpenAiModels() {
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
