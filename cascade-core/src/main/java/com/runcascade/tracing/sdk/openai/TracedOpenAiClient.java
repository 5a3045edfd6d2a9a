package com.runcascade.tracing.sdk.openai;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.Invocations;
import com.runcascade.tracing.sdk.RoutingInvocationHandler;

/**
 * Proxy behind a traced {@link OpenAIClient} or {@link OpenAIClientAsync}. Hands out traced chat
 * and response services and traced derived clients ({@code async()}, {@code sync()},
 * {@code withOptions(...)}); every other method goes to the SDK's client untouched. The
 * raw-response view ({@code withRawResponse()}) and the other APIs (legacy completions,
 * embeddings, beta, ...) are not traced.
 */
final class TracedOpenAiClient extends RoutingInvocationHandler<TracedOpenAiClient.Route> {

	private static final Map<Method, Route> ROUTES = routes();

	private final Supplier<@Nullable LlmTracing> tracing;

	/** The provider behind the client, read from its base URL on first use. */
	private final Supplier<String> provider;

	private volatile @Nullable Object chat;

	private volatile @Nullable Object responses;

	private TracedOpenAiClient(Object delegate, Supplier<@Nullable LlmTracing> tracing, Supplier<String> provider) {
		super(delegate, ROUTES);
		this.tracing = tracing;
		this.provider = provider;
	}

	static OpenAIClient wrap(OpenAIClient client, Supplier<@Nullable LlmTracing> tracing) {
		return wrap(client, tracing, OpenAiProviders.of(client::withOptions));
	}

	static OpenAIClientAsync wrap(OpenAIClientAsync client, Supplier<@Nullable LlmTracing> tracing) {
		return wrap(client, tracing, OpenAiProviders.of(client::withOptions));
	}

	private static OpenAIClient wrap(OpenAIClient client, Supplier<@Nullable LlmTracing> tracing,
			Supplier<String> provider) {
		return isTraced(client) ? client : proxy(OpenAIClient.class, new TracedOpenAiClient(client, tracing, provider));
	}

	private static OpenAIClientAsync wrap(OpenAIClientAsync client, Supplier<@Nullable LlmTracing> tracing,
			Supplier<String> provider) {
		return isTraced(client) ? client
				: proxy(OpenAIClientAsync.class, new TracedOpenAiClient(client, tracing, provider));
	}

	static boolean isTraced(Object client) {
		return isProxiedBy(client, TracedOpenAiClient.class);
	}

	@Override
	protected @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args, Route route)
			throws Throwable {
		return switch (route) {
			case CHAT -> {
				Object chat = this.chat;
				if (chat == null) {
					chat = TracedChatService.wrap(Invocations.invoke(method, this.delegate, args), this.tracing,
							this.provider);
					this.chat = chat;
				}
				yield chat;
			}
			case RESPONSES -> {
				Object responses = this.responses;
				if (responses == null) {
					Object service = Invocations.invoke(method, this.delegate, args);
					responses = TracedOpenAiService.wrap(service, (proxy instanceof OpenAIClient)
							? TracedOpenAiService.RESPONSES : TracedOpenAiService.RESPONSES_ASYNC, this.tracing,
							this.provider);
					this.responses = responses;
				}
				yield responses;
			}
			// The same client seen blocking or asynchronous: same options, same provider.
			case SAME_OPTIONS -> wrapDerived(Invocations.invoke(method, this.delegate, args), this.provider);
			case WITH_OPTIONS -> wrapDerived(Invocations.invoke(method, this.delegate, args), null);
		};
	}

	private @Nullable Object wrapDerived(@Nullable Object client, @Nullable Supplier<String> provider) {
		if (client instanceof OpenAIClient sync) {
			return wrap(sync, this.tracing, (provider != null) ? provider : OpenAiProviders.of(sync::withOptions));
		}
		if (client instanceof OpenAIClientAsync async) {
			return wrap(async, this.tracing, (provider != null) ? provider : OpenAiProviders.of(async::withOptions));
		}
		return client;
	}

	private static Map<Method, Route> routes() {
		Map<Method, Route> routes = new HashMap<>();
		for (Class<?> type : new Class<?>[] { OpenAIClient.class, OpenAIClientAsync.class }) {
			for (Method method : type.getMethods()) {
				if (method.getParameterCount() == 0 && method.getName().equals("chat")) {
					routes.put(method, Route.CHAT);
				}
				else if (method.getParameterCount() == 0 && method.getName().equals("responses")) {
					routes.put(method, Route.RESPONSES);
				}
				else if (method.getParameterCount() == 0
						&& (method.getName().equals("async") || method.getName().equals("sync"))) {
					routes.put(method, Route.SAME_OPTIONS);
				}
				else if (method.getName().equals("withOptions") && method.getReturnType() == type) {
					routes.put(method, Route.WITH_OPTIONS);
				}
			}
		}
		return Map.copyOf(routes);
	}

	enum Route {

		CHAT, RESPONSES, SAME_OPTIONS, WITH_OPTIONS

	}

}
