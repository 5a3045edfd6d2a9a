package com.runcascade.tracing.anthropic;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.anthropic.core.http.AsyncStreamResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.services.async.MessageServiceAsync;
import com.anthropic.services.blocking.MessageService;
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
 * Proxy behind a traced {@link MessageService} or {@link MessageServiceAsync}. Traces
 * {@code create} and {@code createStreaming}; every other method goes to the SDK's service
 * untouched, except {@code withOptions}, whose result is traced too.
 *
 * <p>
 * The overloads that take {@code MessageCreateParams} are traced directly. The other default
 * overloads of {@code create} and {@code createStreaming} (structured outputs) run their
 * interface body against this proxy, so they reach a traced overload. {@code withRawResponse()}
 * passes through untraced.
 */
final class TracedMessageService implements InvocationHandler {

	private static final Log logger = LogFactory.getLog(TracedMessageService.class);

	private static final Map<Method, Route> SYNC_ROUTES = routes(MessageService.class);

	private static final Map<Method, Route> ASYNC_ROUTES = routes(MessageServiceAsync.class);

	private static final LlmResponse NO_RESPONSE = new LlmResponse(null, null, List.of(), null, null);

	private final Object delegate;

	private final boolean async;

	private final Map<Method, Route> routes;

	private final Supplier<@Nullable LlmTracing> tracing;

	private TracedMessageService(Object delegate, boolean async, Supplier<@Nullable LlmTracing> tracing) {
		this.delegate = delegate;
		this.async = async;
		this.routes = async ? ASYNC_ROUTES : SYNC_ROUTES;
		this.tracing = tracing;
	}

	static MessageService wrap(MessageService service, Supplier<@Nullable LlmTracing> tracing) {
		if (isTraced(service)) {
			return service;
		}
		return (MessageService) Proxy.newProxyInstance(MessageService.class.getClassLoader(),
				new Class<?>[] { MessageService.class }, new TracedMessageService(service, false, tracing));
	}

	static MessageServiceAsync wrap(MessageServiceAsync service, Supplier<@Nullable LlmTracing> tracing) {
		if (isTraced(service)) {
			return service;
		}
		return (MessageServiceAsync) Proxy.newProxyInstance(MessageServiceAsync.class.getClassLoader(),
				new Class<?>[] { MessageServiceAsync.class }, new TracedMessageService(service, true, tracing));
	}

	static boolean isTraced(Object service) {
		return Proxy.isProxyClass(service.getClass())
				&& Proxy.getInvocationHandler(service) instanceof TracedMessageService;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		Route route = this.routes.get(method);
		if (route == null) {
			return (method.getDeclaringClass() == Object.class) ? objectMethod(proxy, method, args)
					: Invocations.invoke(method, this.delegate, args);
		}
		return switch (route) {
			case CREATE -> this.async ? createAsync(method, args) : create(method, args);
			case STREAM -> this.async ? streamAsync(method, args) : stream(method, args);
			case VIA_DEFAULT -> InvocationHandler.invokeDefault(proxy, method, args);
			case WITH_OPTIONS -> withOptions(method, args);
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
		StreamResponse<RawMessageStreamEvent> response;
		try (Scope scope = call.makeCurrent()) {
			response = (StreamResponse<RawMessageStreamEvent>) Invocations.invoke(method, this.delegate, args);
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
			return new TracedStreamResponse<>(response, recorder(call));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not follow an Anthropic stream; it is returned untraced", ex);
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
		AsyncStreamResponse<RawMessageStreamEvent> response;
		try (Scope scope = call.makeCurrent()) {
			response = (AsyncStreamResponse<RawMessageStreamEvent>) Invocations.invoke(method, this.delegate, args);
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
			return new TracedAsyncStreamResponse<>(response, recorder(call));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not follow an Anthropic stream; it is returned untraced", ex);
			call.end(NO_RESPONSE);
			return response;
		}
	}

	private @Nullable Object withOptions(Method method, @Nullable Object[] args) throws Throwable {
		Object result = Invocations.invoke(method, this.delegate, args);
		if (result instanceof MessageService service) {
			return wrap(service, this.tracing);
		}
		if (result instanceof MessageServiceAsync service) {
			return wrap(service, this.tracing);
		}
		return result;
	}

	/** Starts the span, or returns {@code null} when the call is not to be traced here. */
	private @Nullable LlmCall start(@Nullable Object params, boolean streaming) {
		LlmTracing tracing = this.tracing.get();
		if (tracing == null || !(params instanceof MessageCreateParams createParams)
				|| LlmTracing.isRecording(Context.current())) {
			return null;
		}
		try {
			return tracing.start(AnthropicMessages.request(createParams, streaming, tracing.capturesContent()));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read an Anthropic request; the call runs untraced", ex);
			return null;
		}
	}

	private StreamRecorder<RawMessageStreamEvent> recorder(LlmCall call) {
		LlmTracing tracing = this.tracing.get();
		boolean capture = tracing != null && tracing.capturesContent();
		return new StreamRecorder<>(call, new AnthropicStreamAccumulator(capture));
	}

	private LlmResponse response(@Nullable Object result) {
		try {
			if (result instanceof Message message) {
				LlmTracing tracing = this.tracing.get();
				return AnthropicMessages.response(message, tracing != null && tracing.capturesContent());
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read an Anthropic response", ex);
		}
		return NO_RESPONSE;
	}

	private @Nullable Object objectMethod(Object proxy, Method method, @Nullable Object @Nullable [] args) {
		return switch (method.getName()) {
			case "equals" -> (args != null && proxy == args[0]);
			case "hashCode" -> System.identityHashCode(proxy);
			default -> this.delegate.toString();
		};
	}

	private static Map<Method, Route> routes(Class<?> service) {
		Map<Method, Route> routes = new HashMap<>();
		for (Method method : service.getMethods()) {
			Class<?>[] parameters = method.getParameterTypes();
			switch (method.getName()) {
				case "create", "createStreaming" -> {
					Route traced = method.getName().equals("create") ? Route.CREATE : Route.STREAM;
					if (parameters.length > 0 && parameters[0] == MessageCreateParams.class) {
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

	private enum Route {

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
