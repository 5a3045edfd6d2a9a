package com.runcascade.tracing.sdk;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/** Where a call on a traced SDK service (messages, chat completions, responses) goes. */
public enum ServiceRoute {

	/** A traced request answered in one response. */
	CREATE,

	/** A traced streamed request. */
	STREAM,

	/** Another overload: run the interface's default body, which calls a traced one. */
	VIA_DEFAULT,

	/** A derived service: traced as well. */
	WITH_OPTIONS;

	/**
	 * The routes of a service interface's methods; the others are not listed.
	 * @param service the SDK service interface
	 * @param paramsType the params type of the create methods to trace
	 * @return the routes by method
	 */
	public static Map<Method, ServiceRoute> of(Class<?> service, Class<?> paramsType) {
		Map<Method, ServiceRoute> routes = new HashMap<>();
		for (Method method : service.getMethods()) {
			Class<?>[] parameters = method.getParameterTypes();
			switch (method.getName()) {
				case "create", "createStreaming" -> {
					ServiceRoute traced = method.getName().equals("create") ? CREATE : STREAM;
					if (parameters.length > 0 && parameters[0] == paramsType) {
						routes.put(method, traced);
					}
					else if (method.isDefault()) {
						routes.put(method, VIA_DEFAULT);
					}
				}
				case "withOptions" -> {
					if (method.getReturnType() == service) {
						routes.put(method, WITH_OPTIONS);
					}
				}
				default -> {
				}
			}
		}
		return Map.copyOf(routes);
	}

}
