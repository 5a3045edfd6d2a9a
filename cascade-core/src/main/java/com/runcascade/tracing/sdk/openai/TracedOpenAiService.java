package com.runcascade.tracing.sdk.openai;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.openai.core.ClientOptions;
import com.openai.services.async.ResponseServiceAsync;
import com.openai.services.async.chat.ChatCompletionServiceAsync;
import com.openai.services.blocking.ResponseService;
import com.openai.services.blocking.chat.ChatCompletionService;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.Invocations;
import com.runcascade.tracing.sdk.LlmCallInvoker;
import com.runcascade.tracing.sdk.ServiceRoute;
import com.runcascade.tracing.sdk.TracedServiceHandler;

/**
 * Proxy behind a traced chat completion or response service, blocking or asynchronous: traces
 * {@code create} and {@code createStreaming} (see {@link TracedServiceHandler}) and the services
 * derived through {@code withOptions}, which may talk to another provider.
 */
final class TracedOpenAiService extends TracedServiceHandler {

	static final ServiceType CHAT_COMPLETIONS = new ServiceType(ChatCompletionService.class, false,
			ChatCompletions.INSTANCE);

	static final ServiceType CHAT_COMPLETIONS_ASYNC = new ServiceType(ChatCompletionServiceAsync.class, true,
			ChatCompletions.INSTANCE);

	static final ServiceType RESPONSES = new ServiceType(ResponseService.class, false, Responses.INSTANCE);

	static final ServiceType RESPONSES_ASYNC = new ServiceType(ResponseServiceAsync.class, true, Responses.INSTANCE);

	private final ServiceType type;

	private final Supplier<@Nullable LlmTracing> tracing;

	private TracedOpenAiService(Object delegate, ServiceType type, Supplier<@Nullable LlmTracing> tracing,
			Supplier<String> provider) {
		super(delegate, type.routes,
				new LlmCallInvoker(tracing, type.operation.calledVia(provider), OpenAiSdk.STREAMS), type.async);
		this.type = type;
		this.tracing = tracing;
	}

	/**
	 * The traced form of a service.
	 * @param service the SDK's service, or {@code null}
	 * @param type what kind of service it is
	 * @param tracing where spans are started
	 * @param provider the provider of the client the service belongs to
	 * @return the traced service; {@code service} itself when it is not of that type or already traced
	 */
	static @Nullable Object wrap(@Nullable Object service, ServiceType type, Supplier<@Nullable LlmTracing> tracing,
			Supplier<String> provider) {
		if (!type.type.isInstance(service) || isTraced(service)) {
			return service;
		}
		return proxy(type.type, new TracedOpenAiService(service, type, tracing, provider));
	}

	static boolean isTraced(Object service) {
		return isProxiedBy(service, TracedOpenAiService.class);
	}

	/** The blocking {@code create} overloads, called directly; the others through the base class. */
	@Override
	protected @Nullable Object call(Method method, @Nullable Object @Nullable [] args, boolean streaming)
			throws Throwable {
		if (streaming || args == null || args.length > 2
				|| (args.length == 2 && !(args[1] instanceof com.openai.core.RequestOptions))) {
			return super.call(method, args, streaming);
		}
		com.openai.core.RequestOptions options = (args.length == 2) ? (com.openai.core.RequestOptions) args[1] : null;
		if (this.delegate instanceof ChatCompletionService service
				&& args[0] instanceof com.openai.models.chat.completions.ChatCompletionCreateParams params) {
			return (options != null) ? service.create(params, options) : service.create(params);
		}
		if (this.delegate instanceof ResponseService service
				&& args[0] instanceof com.openai.models.responses.ResponseCreateParams params) {
			return (options != null) ? service.create(params, options) : service.create(params);
		}
		return super.call(method, args, streaming);
	}

	@Override
	protected @Nullable Object withOptions(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		Object derived = Invocations.invoke(method, this.delegate, args);
		return (derived != null)
				? wrap(derived, this.type, this.tracing, OpenAiProviders.of(withOptionsOf(derived, method))) : null;
	}

	/** Calls {@code withOptions} on a service through the interface method, for the provider lookup. */
	static Function<Consumer<ClientOptions.Builder>, ?> withOptionsOf(Object target, Method withOptions) {
		return (modifier) -> {
			try {
				return withOptions.invoke(target, modifier);
			}
			catch (InvocationTargetException ex) {
				throw Invocations.rethrow(ex.getTargetException());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		};
	}

	/** One SDK service interface, blocking or asynchronous, and the API its create methods call. */
	static final class ServiceType {

		final Class<?> type;

		final boolean async;

		final OpenAiOperation<?, ?, ?> operation;

		final Map<Method, ServiceRoute> routes;

		ServiceType(Class<?> type, boolean async, OpenAiOperation<?, ?, ?> operation) {
			this.type = type;
			this.async = async;
			this.operation = operation;
			this.routes = ServiceRoute.of(type, operation.paramsType());
		}

	}

}
