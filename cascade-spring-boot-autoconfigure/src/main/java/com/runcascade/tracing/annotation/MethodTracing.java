package com.runcascade.tracing.annotation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.SpanErrors;
import com.runcascade.tracing.support.UsageRollup;

/**
 * Runs an annotated method inside a tool or function span. Tracing failures are logged and
 * swallowed; the method's own result or exception always reaches the caller unchanged.
 */
final class MethodTracing {

	private static final Log logger = LogFactory.getLog(MethodTracing.class);

	private static final boolean reactorPresent = ClassUtils.isPresent("reactor.core.publisher.Mono",
			MethodTracing.class.getClassLoader());





	private final ObjectProvider<CascadeInstrumentation> instrumentationProvider;

	/** Resolved on first use: advisors are created early, before the OpenTelemetry SDK should be. */
	private @Nullable CascadeInstrumentation instrumentation;

	private final Map<Method, TracedMethod> methods = new ConcurrentHashMap<>();

	MethodTracing(ObjectProvider<CascadeInstrumentation> instrumentationProvider) {
		this.instrumentationProvider = instrumentationProvider;
	}

	CascadeInstrumentation instrumentation() {
		CascadeInstrumentation current = this.instrumentation;
		if (current == null) {
			current = this.instrumentationProvider.getObject();
			this.instrumentation = current;
		}
		return current;
	}

	/** The advisor's path: the method is described from its annotations the first time it is called. */
	@Nullable Object trace(MethodInvocation call) throws Throwable {
		Method method = call.getMethod();
		TracedMethod traced = this.methods.get(method);
		if (traced == null) {
			traced = describe(call);
		}
		Invocation invocation = (traced != null) ? start(traced, call.getArguments(), method) : null;
		if (invocation == null) {
			return call.proceed();
		}
		Object result;
		Context context = CascadeInstrumentation.withSpan(Context.current(), invocation.span);
		try (Scope ignored = instrumentation().makeCurrent(context)) {
			result = call.proceed();
		}
		catch (Throwable ex) {
			invocation.fail(ex);
			throw ex;
		}
		return invocation.completeWith(result);
	}

	private @Nullable TracedMethod describe(MethodInvocation call) {
		try {
			Object target = call.getThis();
			Method specific = (target != null) ? AopUtils.getMostSpecificMethod(call.getMethod(), target.getClass())
					: call.getMethod();
			TracedMethod traced = TracedMethod.of(specific);
			if (traced != null) {
				this.methods.putIfAbsent(call.getMethod(), traced);
			}
			return traced;
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			logger.warn("Cascade could not trace " + call.getMethod() + "; it runs untraced: " + ex);
			return null;
		}
	}

	/**
	 * Open the span of one call and capture its arguments.
	 * @return null when tracing failed (logged), so the method runs untraced
	 */
	@Nullable Invocation start(TracedMethod traced, @Nullable Object[] args, Method method) {
		try {
			TracedMethod.Kind kind = traced.kind();
			CascadeInstrumentation instrumentation = instrumentation();
			ContentFormatter formatter = instrumentation.contentFormatter();
			SpanBuilder builder = instrumentation.otelTracer()
				.spanBuilder(traced.name())
				.setSpanKind(SpanKind.INTERNAL)
				.setAttribute(CascadeAttributes.SPAN_TYPE, kind.spanType)
				.setAttribute(kind.nameKey, traced.name());
			if (kind == TracedMethod.Kind.TOOL) {
				Context parent = Context.current();
				UsageRollup.hintIfOutsideRun(parent, "a tool call");
				UsageRollup.addToolCall(parent);
				builder.setAttribute(CascadeAttributes.TOOL_DESCRIPTION, traced.description())
					.setAttribute(CascadeAttributes.GEN_AI_OPERATION_NAME, "execute_tool")
					.setAttribute(CascadeAttributes.GEN_AI_TOOL_NAME, traced.name());
			}
			if (formatter.captureContent()) {
				builder.setAttribute(kind.inputKey, formatter.argumentsJson(traced.parameterNames(), args));
			}
			return new Invocation(builder.startSpan(), kind, formatter, System.nanoTime());
		}
		catch (Throwable ex) {
			// Capture calls the arguments' getters: whatever they throw (Errors included) stays here.
			SpanErrors.rethrowIfFatal(ex);
			logger.warn("Cascade could not trace " + method + "; it runs untraced: " + ex);
			return null;
		}
	}

	/** One traced call: ends its span exactly once, when the (possibly asynchronous) result completes. */
	static final class Invocation {

		final Span span;

		private final TracedMethod.Kind kind;

		private final ContentFormatter formatter;

		private final long startNanos;

		Invocation(Span span, TracedMethod.Kind kind, ContentFormatter formatter, long startNanos) {
			this.span = span;
			this.kind = kind;
			this.formatter = formatter;
			this.startNanos = startNanos;
		}

		@Nullable Object completeWith(@Nullable Object result) {
			try {
				if (result instanceof CompletionStage<?> stage) {
					// Attach to the user's own future and hand it back unchanged (cancel still works).
					stage.whenComplete((value, error) -> {
						if (error != null) {
							fail(error);
						}
						else {
							succeed(value);
						}
					});
					return result;
				}
				if (result != null && reactorPresent && ReactorResults.isReactive(result)) {
					return ReactorResults.traced(result, this);
				}
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not follow an asynchronous result", ex);
			}
			succeed(result);
			return result;
		}

		/** Records the value and ends the span. Never throws, except a fatal VM error. */
		void succeed(@Nullable Object value) {
			try {
				if (this.formatter.captureContent()) {
					this.span.setAttribute(this.kind.outputKey, this.formatter.toJson(value));
				}
				this.span.setStatus(StatusCode.OK);
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not record a result", ex);
			}
			finally {
				end();
			}
		}

		/** Records the failure and ends the span. Never throws, except a fatal VM error. */
		void fail(Throwable error) {
			try {
				this.span.setAttribute(this.kind.errorKey, SpanErrors.describe(error, this.formatter));
				SpanErrors.record(this.span, error, this.formatter);
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not record a failure", ex);
			}
			finally {
				end();
			}
		}

		void cancelled() {
			try {
				this.span.setAttribute(this.kind.errorKey, "cancelled");
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not record a cancellation", ex);
			}
			finally {
				end();
			}
		}

		private void end() {
			try {
				this.span.setAttribute(this.kind.durationKey, (System.nanoTime() - this.startNanos) / 1_000_000.0);
			}
			finally {
				this.span.end();
			}
		}

	}

}
