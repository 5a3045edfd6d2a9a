package com.runcascade.tracing.annotation;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;

import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * Traces every method carrying one of the annotations of {@link TracedMethod.Kind} ({@code @Tool},
 * {@code @Function}). A static pointcut advisor with a plain interceptor, as Spring's own
 * annotation-driven interceptors: the pointcut is evaluated once per method when the bean is
 * proxied, and a call costs the interceptor alone, with none of the join-point bookkeeping an
 * {@code @AspectJ} aspect needs per call. Needs no AspectJ; it is applied by whichever auto-proxy
 * creator the application has (Boot's {@code AopAutoConfiguration} registers one).
 */
final class CascadeToolAdvisor extends StaticMethodMatcherPointcutAdvisor {

	CascadeToolAdvisor(ObjectProvider<CascadeInstrumentation> instrumentation) {
		super(new Interceptor(new MethodTracing(instrumentation)));
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		return TracedMethod.kindOf(AopUtils.getMostSpecificMethod(method, targetClass)) != null;
	}

	private record Interceptor(MethodTracing tracing) implements MethodInterceptor {

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			return this.tracing.trace(invocation);
		}

	}

}
