package com.runcascade.tracing.openai;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.openai.core.ClientOptions;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.core.http.StreamResponse;
import com.openai.services.async.ResponseServiceAsync;
import com.openai.services.async.chat.ChatCompletionServiceAsync;
import com.openai.services.blocking.ResponseService;
import com.openai.services.blocking.chat.ChatCompletionService;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.client.AsyncResults;
import com.runcascade.tracing.llm.client.Invocations;
import com.runcascade.tracing.llm.client.StreamRecorder;

/**
 * Proxy behind a traced chat completion or response service, blocking or asynchronous. Traces
 * {@code create} and {@code createStreaming}; every other method goes to the SDK's service
 * untouched, except {@code withOptions}, whose result is traced too.
 *
 * <p>
 * The overloads that take the create params are traced directly. The other default overloads of
 * {@code create} and {@code createStreaming} (structured outputs, no params) run their interface
 * body against this proxy, so they reach a traced overload. {@code withRawResponse()} passes
 * through untraced.
 */
final class TracedOpenAiService implements InvocationHandler {

	private static final Log logger = LogFactory.getLog(TracedOpenAiService.class);

	private static final LlmResponse NO_RESPONSE = new LlmResponse(null, null, List.of(), null, null);

	static final ServiceType CHAT_COMPLETIONS = new ServiceType(ChatCompletionService.class, false,
			ChatCompletions.INSTANCE);

	static final ServiceType CHAT_COMPLETIONS_ASYNC = new ServiceType(ChatCompletionServiceAsync.class, true,
			ChatCompletions.INSTANCE);

	static final ServiceType RESPONSES = new ServiceType(ResponseService.class, false, Responses.INSTANCE);

	static final ServiceType RESPONSES_ASYNC = new ServiceType(ResponseServiceAsync.class, true, Responses.INSTANCE);

	private final Object delegate;

	private final ServiceType type;

	private final Supplier<@Nullable LlmTracing> tracing;

	private final Supplier<String> provider;

	private TracedOpenAiService(Object delegate, ServiceType type, Supplier<@Nullable LlmTracing> tracing,
			Supplier<String> provider) {
		this.delegate = delegate;
		this.type = type;
		this.tracing = tracing;
		this.provider = provider;
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
		return Proxy.newProxyInstance(type.type.getClassLoader(), new Class<?>[] { type.type },
				new TracedOpenAiService(service, type, tracing, provider));
	}

	static boolean isTraced(Object service) {
		return Proxy.isProxyClass(service.getClass())
				&& Proxy.getInvocationHandler(service) instanceof TracedOpenAiService;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		Route route = this.type.routes.get(method);
		if (route == null) {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> (args != null && proxy == args[0]);
					case "hashCode" -> System.identityHashCode(proxy);
					default -> this.delegate.toString();
				};
			}
			return Invocations.invoke(method, this.delegate, args);
		}
		return switch (route) {
			case CREATE -> this.type.async ? createAsync(method, args) : create(method, args);
			case STREAM -> this.type.async ? streamAsync(method, args) : stream(method, args);
			case VIA_DEFAULT -> InvocationHandler.invokeDefault(proxy, method, args);
			case WITH_OPTIONS -> {
				Object derived = Invocations.invoke(method, this.delegate, args);
				yield (derived != null) ? wrap(derived, this.type, this.tracing,
						OpenAiProviders.of(withOptionsOf(derived, method))) : null;
			}
		};
	}

	private @Nullable Object create(Method method, @Nullable Object[] args) throws Throwable {
		LlmCall call = start(args[0], false);
		if (call == null) {
			return Invocations.invoke(method, this.delegate, args);
		}
		Object result;
		try (Scope scope = call.makeCurrent()) {
			result = Invocations.invoke(method, this.delegate, args);
		}
		catch (Throwable ex) {
			call.fail(ex, null);
			throw ex;
		}
		call.end(response(result));
		return result;
	}

	@SuppressWarnings("unchecked")
	private @Nullable Object createAsync(Method method, @Nullable Object[] args) throws Throwable {
		LlmCall call = start(args[0], false);
		if (call == null) {
			return Invocations.invoke(method, this.delegate, args);
		}
		CompletableFuture<Object> future;
		try (Scope scope = call.makeCurrent()) {
			future = (CompletableFuture<Object>) Invocations.invoke(method, this.delegate, args);
		}
		catch (Throwable ex) {
			call.fail(ex, null);
			throw ex;
		}
		if (future == null) {
			call.end(NO_RESPONSE);
			return null;
		}
		return AsyncResults.traced(future, call, this::response);
	}

	@SuppressWarnings("unchecked")
	private @Nullable Object stream(Method method, @Nullable Object[] args) throws Throwable {
		LlmCall call = start(args[0], true);
		if (call == null) {
			return Invocations.invoke(method, this.delegate, args);
		}
		StreamResponse<Object> response;
		try (Scope scope = call.makeCurrent()) {
			response = (StreamResponse<Object>) Invocations.invoke(method, this.delegate, args);
		}
		catch (Throwable ex) {
			call.fail(ex, null);
			throw ex;
		}
		if (response == null) {
			call.end(NO_RESPONSE);
			return null;
		}
		try {
			return new TracedStreamResponse<>(response, recorder(call, args[0]));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not follow an OpenAI stream; it is returned untraced", ex);
			call.end(NO_RESPONSE);
			return response;
		}
	}

	@SuppressWarnings("unchecked")
	private @Nullable Object streamAsync(Method method, @Nullable Object[] args) throws Throwable {
		LlmCall call = start(args[0], true);
		if (call == null) {
			return Invocations.invoke(method, this.delegate, args);
		}
		AsyncStreamResponse<Object> response;
		try (Scope scope = call.makeCurrent()) {
			response = (AsyncStreamResponse<Object>) Invocations.invoke(method, this.delegate, args);
		}
		catch (Throwable ex) {
			call.fail(ex, null);
			throw ex;
		}
		if (response == null) {
			call.end(NO_RESPONSE);
			return null;
		}
		try {
			return new TracedAsyncStreamResponse<>(response, recorder(call, args[0]));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not follow an OpenAI stream; it is returned untraced", ex);
			call.end(NO_RESPONSE);
			return response;
		}
	}

	/** Starts the span, or returns {@code null} when the call is not to be traced here. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private @Nullable LlmCall start(@Nullable Object params, boolean streaming) {
		LlmTracing tracing = this.tracing.get();
		OpenAiOperation operation = this.type.operation;
		if (tracing == null || !operation.paramsType().isInstance(params)
				|| LlmTracing.isRecording(Context.current())) {
			return null;
		}
		try {
			return tracing.start(operation.request(params, this.provider.get(), streaming, tracing.capturesContent()));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read an OpenAI request; the call runs untraced", ex);
			return null;
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private StreamRecorder<Object> recorder(LlmCall call, @Nullable Object params) {
		LlmTracing tracing = this.tracing.get();
		boolean capture = tracing != null && tracing.capturesContent();
		OpenAiOperation operation = this.type.operation;
		return new StreamRecorder<>(call, operation.accumulator(params, capture));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private LlmResponse response(@Nullable Object result) {
		try {
			OpenAiOperation operation = this.type.operation;
			if (operation.responseType().isInstance(result)) {
				LlmTracing tracing = this.tracing.get();
				return operation.response(result, tracing != null && tracing.capturesContent());
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read an OpenAI response", ex);
		}
		return NO_RESPONSE;
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

		final Map<Method, Route> routes;

		ServiceType(Class<?> type, boolean async, OpenAiOperation<?, ?, ?> operation) {
			this.type = type;
			this.async = async;
			this.operation = operation;
			this.routes = routes(type, operation.paramsType());
		}

		private static Map<Method, Route> routes(Class<?> service, Class<?> paramsType) {
			Map<Method, Route> routes = new HashMap<>();
			for (Method method : service.getMethods()) {
				Class<?>[] parameters = method.getParameterTypes();
				switch (method.getName()) {
					case "create", "createStreaming" -> {
						Route traced = method.getName().equals("create") ? Route.CREATE : Route.STREAM;
						if (parameters.length > 0 && parameters[0] == paramsType) {
							routes.put(method, traced);
						}
						else if (method.isDefault()) {
							routes.put(method, Route.VIA_DEFAULT);
						}
					}
					case "withOptions" -> {
						if (method.getReturnType() == service) {
							routes.put(method, Route.WITH_OPTIONS);
						}
					}
					default -> {
					}
				}
			}
			return Map.copyOf(routes);
		}

	}

	enum Route {

		/** A traced request answered in one response. */
		CREATE,

		/** A traced streamed request. */
		STREAM,

		/** Another overload: run the interface's default body, which calls a traced one. */
		VIA_DEFAULT,

		/** A derived service: traced as well. */
		WITH_OPTIONS

	}

}
