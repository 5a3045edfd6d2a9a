package com.runcascade.tracing.aspect;

import java.lang.reflect.Method;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;

import com.runcascade.tracing.CaptureReasoning;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.Function;
import com.runcascade.tracing.Tool;
import com.runcascade.tracing.support.SpanContexts;

/**
 * Traces methods annotated with Cascade's {@link Tool}, {@link Function} and {@link CaptureReasoning} as an
 * {@code @AspectJ}
 * aspect, for applications that register it themselves. The auto-configuration uses a static
 * pointcut advisor instead ({@code CascadeToolAdvisor}), which needs no AspectJ and costs less per
 * call; it backs off when a bean of this type is defined.
 */
@Aspect
public final class CascadeToolAspect {

	private final MethodTracing tracing;

	public CascadeToolAspect(ObjectProvider<CascadeTracer> tracer) {
		this.tracing = new MethodTracing(tracer);
	}

	@Around("@annotation(com.runcascade.tracing.Tool) && execution(* *(..))")
	public @Nullable Object traceTool(ProceedingJoinPoint joinPoint) throws Throwable {
		return trace(joinPoint, (method) -> {
			Tool tool = AnnotatedElementUtils.findMergedAnnotation(method, Tool.class);
			return TracedMethod.tool(method, (tool != null) ? tool.name() : "",
					(tool != null) ? tool.description() : "");
		});
	}

	@Around("@annotation(com.runcascade.tracing.Function) && execution(* *(..))")
	public @Nullable Object traceFunction(ProceedingJoinPoint joinPoint) throws Throwable {
		return trace(joinPoint, (method) -> {
			Function function = AnnotatedElementUtils.findMergedAnnotation(method, Function.class);
			return TracedMethod.function(method, (function != null) ? function.name() : "");
		});
	}

	@Around("@annotation(com.runcascade.tracing.CaptureReasoning) && execution(* *(..))")
	public @Nullable Object traceReasoning(ProceedingJoinPoint joinPoint) throws Throwable {
		return trace(joinPoint, (method) -> {
			CaptureReasoning reasoning = AnnotatedElementUtils.findMergedAnnotation(method, CaptureReasoning.class);
			return TracedMethod.reasoning(method, (reasoning != null) ? reasoning.name() : "");
		});
	}

	private @Nullable Object trace(ProceedingJoinPoint joinPoint, java.util.function.Function<Method, TracedMethod> describe)
			throws Throwable {
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		TracedMethod traced = this.tracing.describe(method, describe);
		MethodTracing.Invocation invocation = (traced != null) ? this.tracing.start(traced, joinPoint.getArgs(), method)
				: null;
		if (invocation == null) {
			return joinPoint.proceed();
		}
		Object result;
		try (Scope ignored = this.tracing.tracer()
			.makeCurrent(SpanContexts.withSpan(Context.current(), invocation.span))) {
			result = joinPoint.proceed();
		}
		catch (Throwable ex) {
			invocation.fail(ex);
			throw ex;
		}
		return invocation.completeWith(result);
	}

}
