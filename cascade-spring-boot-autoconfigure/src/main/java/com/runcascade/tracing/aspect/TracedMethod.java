package com.runcascade.tracing.aspect;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import io.opentelemetry.api.common.AttributeKey;

import com.runcascade.tracing.CascadeAttributes;

/**
 * What the aspects need to know about one annotated method, worked out once per method so the
 * call path does no reflection.
 */
record TracedMethod(Kind kind, String name, String description, String[] parameterNames) {

	static TracedMethod tool(Method method, String name, String description) {
		return new TracedMethod(Kind.TOOL, name.isEmpty() ? method.getName() : name, description,
				parameterNames(method));
	}

	static TracedMethod function(Method method, String name) {
		return new TracedMethod(Kind.FUNCTION, name.isEmpty() ? method.getName() : name, "", parameterNames(method));
	}

	static TracedMethod reasoning(Method method, String name) {
		return new TracedMethod(Kind.REASONING, name.isEmpty() ? method.getName() : name, "",
				parameterNames(method));
	}

	private static String[] parameterNames(Method method) {
		Parameter[] parameters = method.getParameters();
		String[] names = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			names[i] = parameters[i].getName();
		}
		return names;
	}

	/** Tool, function and reasoning spans differ only in their type and attribute names. */
	enum Kind {

		TOOL(CascadeAttributes.TYPE_TOOL, CascadeAttributes.TOOL_NAME, CascadeAttributes.TOOL_INPUT,
				CascadeAttributes.TOOL_OUTPUT, CascadeAttributes.TOOL_DURATION_MS, CascadeAttributes.TOOL_ERROR),

		FUNCTION(CascadeAttributes.TYPE_FUNCTION, CascadeAttributes.FUNCTION_NAME, CascadeAttributes.FUNCTION_INPUT,
				CascadeAttributes.FUNCTION_OUTPUT, CascadeAttributes.FUNCTION_DURATION_MS,
				CascadeAttributes.FUNCTION_ERROR),

		REASONING(CascadeAttributes.TYPE_REASONING, CascadeAttributes.REASONING_NAME,
				CascadeAttributes.REASONING_INPUT, CascadeAttributes.REASONING_OUTPUT,
				CascadeAttributes.REASONING_DURATION_MS, CascadeAttributes.REASONING_ERROR);

		final String spanType;

		final AttributeKey<String> nameKey;

		final AttributeKey<String> inputKey;

		final AttributeKey<String> outputKey;

		final AttributeKey<Double> durationKey;

		final AttributeKey<String> errorKey;

		Kind(String spanType, AttributeKey<String> nameKey, AttributeKey<String> inputKey,
				AttributeKey<String> outputKey, AttributeKey<Double> durationKey, AttributeKey<String> errorKey) {
			this.spanType = spanType;
			this.nameKey = nameKey;
			this.inputKey = inputKey;
			this.outputKey = outputKey;
			this.durationKey = durationKey;
			this.errorKey = errorKey;
		}

	}

}
