package com.runcascade.tracing.sdk;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Proxy behind a traced SDK service, blocking or asynchronous. Traces {@code create} and
 * {@code createStreaming}; every other method goes to the SDK's service untouched, except
 * {@code withOptions}, whose result the subclass traces too.
 *
 * <p>
 * The overloads that take the create params are traced directly. The other default overloads
 * (structured outputs, no params) run their interface body against the proxy, so they reach a
 * traced overload. {@code withRawResponse()} passes through untraced.
 */
public abstract class TracedServiceHandler extends RoutingInvocationHandler<ServiceRoute> {

	private final LlmCallInvoker invoker;

	private final boolean async;

	protected TracedServiceHandler(Object delegate, Map<Method, ServiceRoute> routes, LlmCallInvoker invoker,
			boolean async) {
		super(delegate, routes);
		this.invoker = invoker;
		this.async = async;
	}

	@Override
	protected final @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args,
			ServiceRoute route) throws Throwable {
		return switch (route) {
			case CREATE -> this.invoker.invoke(this, method, args, false, this.async);
			case STREAM -> this.invoker.invoke(this, method, args, true, this.async);
			case VIA_DEFAULT -> InvocationHandler.invokeDefault(proxy, method, args);
			case WITH_OPTIONS -> withOptions(method, args);
		};
	}

	/**
	 * Make the SDK call itself. Reflective here; a subclass calls the SDK's own method directly where
	 * it knows it, which leaves one layer less to run before the JIT has compiled the path (LLM calls
	 * are rare, so it mostly runs cold).
	 * @param method a {@code create} or {@code createStreaming} method of the service
	 * @param args its arguments, the params first
	 * @param streaming whether it is {@code createStreaming}
	 * @return what the SDK returned
	 * @throws Throwable what the SDK threw, unchanged
	 */
	protected @Nullable Object call(Method method, @Nullable Object @Nullable [] args, boolean streaming)
			throws Throwable {
		return Invocations.invoke(method, this.delegate, args);
	}

	/**
	 * The traced form of a service derived through {@code withOptions}.
	 * @param method the {@code withOptions} method
	 * @param args its arguments
	 * @return the traced derived service
	 * @throws Throwable what the SDK threw
	 */
	protected abstract @Nullable Object withOptions(Method method, @Nullable Object @Nullable [] args)
			throws Throwable;

}
