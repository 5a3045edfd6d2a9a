package com.runcascade.tracing.sdk.openai;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.openai.services.async.ChatServiceAsync;
import com.openai.services.blocking.ChatService;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.Invocations;
import com.runcascade.tracing.sdk.RoutingInvocationHandler;

/**
 * Proxy behind a traced {@link ChatService} or {@link ChatServiceAsync}: hands out the traced
 * chat completion service; every other method goes to the SDK's service untouched.
 */
final class TracedChatService extends RoutingInvocationHandler<TracedChatService.Route> {

	private static final Map<Method, Route> ROUTES = routes();

	private final boolean async;

	private final Supplier<@Nullable LlmTracing> tracing;

	private final Supplier<String> provider;

	private volatile @Nullable Object completions;

	private TracedChatService(Object delegate, boolean async, Supplier<@Nullable LlmTracing> tracing,
			Supplier<String> provider) {
		super(delegate, ROUTES);
		this.async = async;
		this.tracing = tracing;
		this.provider = provider;
	}

	static @Nullable Object wrap(@Nullable Object service, Supplier<@Nullable LlmTracing> tracing,
			Supplier<String> provider) {
		if (service == null || isTraced(service)) {
			return service;
		}
		if (service instanceof ChatService) {
			return proxy(ChatService.class, new TracedChatService(service, false, tracing, provider));
		}
		if (service instanceof ChatServiceAsync) {
			return proxy(ChatServiceAsync.class, new TracedChatService(service, true, tracing, provider));
		}
		return service;
	}

	static boolean isTraced(Object service) {
		return isProxiedBy(service, TracedChatService.class);
	}

	@Override
	protected @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args, Route route)
			throws Throwable {
		if (route == Route.COMPLETIONS) {
			Object completions = this.completions;
			if (completions == null) {
				completions = TracedOpenAiService.wrap(Invocations.invoke(method, this.delegate, args),
						this.async ? TracedOpenAiService.CHAT_COMPLETIONS_ASYNC : TracedOpenAiService.CHAT_COMPLETIONS,
						this.tracing, this.provider);
				this.completions = completions;
			}
			return completions;
		}
		Object derived = Invocations.invoke(method, this.delegate, args);
		return (derived != null)
				? wrap(derived, this.tracing, OpenAiProviders.of(TracedOpenAiService.withOptionsOf(derived, method)))
				: null;
	}

	private static Map<Method, Route> routes() {
		Map<Method, Route> routes = new HashMap<>();
		for (Class<?> type : new Class<?>[] { ChatService.class, ChatServiceAsync.class }) {
			for (Method method : type.getMethods()) {
				if (method.getName().equals("completions") && method.getParameterCount() == 0) {
					routes.put(method, Route.COMPLETIONS);
				}
				else if (method.getName().equals("withOptions") && method.getReturnType() == type) {
					routes.put(method, Route.WITH_OPTIONS);
				}
			}
		}
		return Map.copyOf(routes);
	}

	enum Route {

		COMPLETIONS, WITH_OPTIONS

	}

}
