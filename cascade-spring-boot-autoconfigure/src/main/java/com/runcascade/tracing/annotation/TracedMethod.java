package com.runcascade.tracing.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import io.opentelemetry.api.common.AttributeKey;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;

import com.runcascade.tracing.CaptureReasoning;
import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.Function;
import com.runcascade.tracing.Tool;

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

	/**
	 * The first {@link Kind} whose annotation is on the method (directly or as a meta-annotation),
	 * with the annotation's {@code name} and {@code description} when it has them.
	 * @param method the method as declared on the target class
	 * @return how to trace it, or null when no Cascade annotation is present
	 */
	static @Nullable TracedMethod of(Method method) {
		Kind kind = kindOf(method);
		if (kind == null) {
			return null;
		}
		MergedAnnotation<? extends Annotation> annotation = MergedAnnotations.from(method).get(kind.annotation);
		String name = annotation.getValue("name", String.class).orElse("");
		String description = annotation.getValue("description", String.class).orElse("");
		return new TracedMethod(kind, name.isEmpty() ? method.getName() : name, description, parameterNames(method));
	}

	/** The pointcut's check: which kind of span, if any, the method gets. */
	static @Nullable Kind kindOf(Method method) {
		MergedAnnotations annotations = MergedAnnotations.from(method);
		for (Kind kind : Kind.values()) {
			if (annotations.isPresent(kind.annotation)) {
				return kind;
			}
		}
		return null;
	}

	private static String[] parameterNames(Method method) {
		Parameter[] parameters = method.getParameters();
		String[] names = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			names[i] = parameters[i].getName();
		}
		return names;
	}

	/**
	 * Tool, function and reasoning spans differ only in their annotation, type and attribute names.
	 * The advisor traces every method annotated with one of these annotations, in this order of
	 * precedence.
	 */
	enum Kind {

		TOOL(Tool.class, CascadeAttributes.TYPE_TOOL, CascadeAttributes.TOOL_NAME, CascadeAttributes.TOOL_INPUT,
				CascadeAttributes.TOOL_OUTPUT, CascadeAttributes.TOOL_DURATION_MS, CascadeAttributes.TOOL_ERROR),

		FUNCTION(Function.class, CascadeAttributes.TYPE_FUNCTION, CascadeAttributes.FUNCTION_NAME, CascadeAttributes.FUNCTION_INPUT,
				CascadeAttributes.FUNCTION_OUTPUT, CascadeAttributes.FUNCTION_DURATION_MS,
				CascadeAttributes.FUNCTION_ERROR),

		REASONING(CaptureReasoning.class, CascadeAttributes.TYPE_REASONING, CascadeAttributes.REASONING_NAME,
				CascadeAttributes.REASONING_INPUT, CascadeAttributes.REASONING_OUTPUT,
				CascadeAttributes.REASONING_DURATION_MS, CascadeAttributes.REASONING_ERROR);

		final Class<? extends Annotation> annotation;

		final String spanType;

		final AttributeKey<String> nameKey;

		final AttributeKey<String> inputKey;

		final AttributeKey<String> outputKey;

		final AttributeKey<Double> durationKey;

		final AttributeKey<String> errorKey;

		Kind(Class<? extends Annotation> annotation, String spanType, AttributeKey<String> nameKey,
				AttributeKey<String> inputKey, AttributeKey<String> outputKey, AttributeKey<Double> durationKey,
				AttributeKey<String> errorKey) {
			this.annotation = annotation;
			this.spanType = spanType;
			this.nameKey = nameKey;
			this.inputKey = inputKey;
			this.outputKey = outputKey;
			this.durationKey = durationKey;
			this.errorKey = errorKey;
		}

	}

}
