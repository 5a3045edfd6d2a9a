package com.runcascade.tracing.aspect;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

import com.runcascade.tracing.CascadeTracer;

/**
 * Traces methods annotated with Spring AI's {@link Tool} as Cascade tool spans, with the tool's
 * name and description. A method that also carries Cascade's own {@code @Tool} is left to
 * {@link CascadeToolAspect}, so it gets one span.
 */
@Aspect
public final class SpringAiToolAspect {

	private final MethodTracing tracing;

	public SpringAiToolAspect(ObjectProvider<CascadeTracer> tracer) {
		this.tracing = new MethodTracing(tracer);
	}

	@Around("@annotation(org.springframework.ai.tool.annotation.Tool) && !@annotation(com.runcascade.tracing.Tool) "
			+ "&& execution(* *(..))")
	public @Nullable Object traceSpringAiTool(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracing.trace(joinPoint, (method) -> {
			Tool tool = AnnotatedElementUtils.findMergedAnnotation(method, Tool.class);
			return TracedMethod.tool(method, (tool != null) ? tool.name() : "",
					(tool != null) ? tool.description() : "");
		});
	}

}
