package com.runcascade.tracing.sdk;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Proxy behind an SDK interface: the methods we trace are looked up once, when the proxy class is
 * first used, and go to a route; every other method goes to the SDK's object untouched, so SDK
 * upgrades do not break us.
 *
 * @param <R> the route type
 */
public abstract class RoutingInvocationHandler<R> implements InvocationHandler {

	protected final Object delegate;

	private final Map<Method, R> routes;

	protected RoutingInvocationHandler(Object delegate, Map<Method, R> routes) {
		this.delegate = delegate;
		this.routes = routes;
	}

	/**
	 * A proxy implementing one SDK interface.
	 * @param <T> the interface
	 * @param type the interface
	 * @param handler where its calls go
	 * @return the proxy
	 */
	@SuppressWarnings("unchecked")
	public static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
	}

	/**
	 * Whether an object is a proxy whose calls go to a handler of the given type.
	 * @param object any object
	 * @param handlerType the handler class
	 * @return whether it is such a proxy
	 */
	public static boolean isProxiedBy(Object object, Class<? extends InvocationHandler> handlerType) {
		return Proxy.isProxyClass(object.getClass()) && handlerType.isInstance(Proxy.getInvocationHandler(object));
	}

	@Override
	public final @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args)
			throws Throwable {
		R route = this.routes.get(method);
		if (route == null) {
			return (method.getDeclaringClass() == Object.class) ? objectMethod(proxy, method, args)
					: Invocations.invoke(method, this.delegate, args);
		}
		return invoke(proxy, method, args, route);
	}

	/**
	 * Handle a method that has a route.
	 * @param proxy the proxy
	 * @param method the SDK interface method
	 * @param args the arguments
	 * @param route the method's route
	 * @return what the caller receives
	 * @throws Throwable what the SDK threw
	 */
	protected abstract @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args,
			R route) throws Throwable;

	private @Nullable Object objectMethod(Object proxy, Method method, @Nullable Object @Nullable [] args) {
		return switch (method.getName()) {
			case "equals" -> (args != null && proxy == args[0]);
			case "hashCode" -> System.identityHashCode(proxy);
			default -> this.delegate.toString();
		};
	}

}
