package com.runcascade.tracing.aspect;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

import com.runcascade.tracing.CaptureReasoning;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.Function;
import com.runcascade.tracing.Tool;

/** Traces methods annotated with Cascade's {@link Tool}, {@link Function} and {@link CaptureReasoning}. */
@Aspect
public final class CascadeToolAspect {

	private final MethodTracing tracing;

	public CascadeToolAspect(ObjectProvider<CascadeTracer> tracer) {
		this.tracing = new MethodTracing(tracer);
	}

	@Around("@annotation(com.runcascade.tracing.Tool) && execution(* *(..))")
	public @Nullable Object traceTool(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracing.trace(joinPoint, (method) -> {
			Tool tool = AnnotatedElementUtils.findMergedAnnotation(method, Tool.class);
			return TracedMethod.tool(method, (tool != null) ? tool.name() : "",
					(tool != null) ? tool.description() : "");
		});
	}

	@Around("@annotation(com.runcascade.tracing.Function) && execution(* *(..))")
	public @Nullable Object traceFunction(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracing.trace(joinPoint, (method) -> {
			Function function = AnnotatedElementUtils.findMergedAnnotation(method, Function.class);
			return TracedMethod.function(method, (function != null) ? function.name() : "");
		});
	}

	@Around("@annotation(com.runcascade.tracing.CaptureReasoning) && execution(* *(..))")
	public @Nullable Object traceReasoning(ProceedingJoinPoint joinPoint) throws Throwable {
		return this.tracing.trace(joinPoint, (method) -> {
			CaptureReasoning reasoning = AnnotatedElementUtils.findMergedAnnotation(method, CaptureReasoning.class);
			return TracedMethod.reasoning(method, (reasoning != null) ? reasoning.name() : "");
		});
	}

}
