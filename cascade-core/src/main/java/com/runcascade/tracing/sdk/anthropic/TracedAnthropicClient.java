package com.runcascade.tracing.sdk.anthropic;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.services.async.MessageServiceAsync;
import com.anthropic.services.blocking.MessageService;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.Invocations;
import com.runcascade.tracing.sdk.RoutingInvocationHandler;

/**
 * Proxy behind a traced {@link AnthropicClient} or {@link AnthropicClientAsync}. Hands out traced
 * message services and traced derived clients ({@code async()}, {@code sync()},
 * {@code withOptions(...)}); every other method goes to the SDK's client untouched. The raw-response
 * view ({@code withRawResponse()}) and the beta services are not traced.
 */
final class TracedAnthropicClient extends RoutingInvocationHandler<TracedAnthropicClient.Route> {

	private static final Map<Method, Route> ROUTES = routes();

	private final Supplier<@Nullable LlmTracing> tracing;

	/** The traced message service, made on first use (the SDK's is lazy too). */
	private volatile @Nullable Object messages;

	private TracedAnthropicClient(Object delegate, Supplier<@Nullable LlmTracing> tracing) {
		super(delegate, ROUTES);
		this.tracing = tracing;
	}

	static AnthropicClient wrap(AnthropicClient client, Supplier<@Nullable LlmTracing> tracing) {
		return isTraced(client) ? client : proxy(AnthropicClient.class, new TracedAnthropicClient(client, tracing));
	}

	static AnthropicClientAsync wrap(AnthropicClientAsync client, Supplier<@Nullable LlmTracing> tracing) {
		return isTraced(client) ? client
				: proxy(AnthropicClientAsync.class, new TracedAnthropicClient(client, tracing));
	}

	static boolean isTraced(Object client) {
		return isProxiedBy(client, TracedAnthropicClient.class);
	}

	@Override
	protected @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args, Route route)
			throws Throwable {
		if (route == Route.MESSAGES) {
			Object messages = this.messages;
			if (messages == null) {
				messages = tracedMessages(Invocations.invoke(method, this.delegate, args));
				this.messages = messages;
			}
			return messages;
		}
		// A derived client (async(), sync(), withOptions(...)): traced as well.
		Object result = Invocations.invoke(method, this.delegate, args);
		if (result instanceof AnthropicClient client) {
			return wrap(client, this.tracing);
		}
		if (result instanceof AnthropicClientAsync client) {
			return wrap(client, this.tracing);
		}
		return result;
	}

	private @Nullable Object tracedMessages(@Nullable Object service) {
		if (service instanceof MessageService messages) {
			return TracedMessageService.wrap(messages, this.tracing);
		}
		if (service instanceof MessageServiceAsync messages) {
			return TracedMessageService.wrap(messages, this.tracing);
		}
		return service;
	}

	private static Map<Method, Route> routes() {
		Map<Method, Route> routes = new HashMap<>();
		for (Class<?> type : new Class<?>[] { AnthropicClient.class, AnthropicClientAsync.class }) {
			for (Method method : type.getMethods()) {
				Class<?> returned = method.getReturnType();
				switch (method.getName()) {
					case "messages" -> {
						if (method.getParameterCount() == 0
								&& (returned == MessageService.class || returned == MessageServiceAsync.class)) {
							routes.put(method, Route.MESSAGES);
						}
					}
					case "async", "sync", "withOptions" -> {
						if (returned == AnthropicClient.class || returned == AnthropicClientAsync.class) {
							routes.put(method, Route.CLIENT);
						}
					}
					default -> {
					}
				}
			}
		}
		return Map.copyOf(routes);
	}

	enum Route {

		/** The message service: traced. */
		MESSAGES,

		/** Another view of the same client: traced as well. */
		CLIENT

	}

}
