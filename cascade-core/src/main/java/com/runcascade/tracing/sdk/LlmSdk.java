package com.runcascade.tracing.sdk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What differs per SDK beyond its APIs: its name in log messages, and its own stream response
 * interfaces. The SDKs shape these alike ({@code StreamResponse}, {@code AsyncStreamResponse} and its
 * {@code Handler}), so one set of proxies ({@link RecordedStreamResponse},
 * {@link RecordedAsyncStreamResponse}, {@link RecordingHandler}) implements them for every SDK, and
 * an SDK names only its types.
 */
public final class LlmSdk {

	private final String name;

	private final Class<?> streamResponseType;

	private final Class<?> asyncStreamResponseType;

	private final Class<?> handlerType;

	private final Method onCompleteFuture;

	private final Map<Method, StreamRoute> routes;

	/**
	 * One SDK.
	 * @param name the SDK's name, as in "an Anthropic stream"
	 * @param streamResponseType its {@code StreamResponse} interface
	 * @param asyncStreamResponseType its {@code AsyncStreamResponse} interface
	 * @param handlerType its {@code AsyncStreamResponse.Handler} interface
	 */
	public LlmSdk(String name, Class<?> streamResponseType, Class<?> asyncStreamResponseType, Class<?> handlerType) {
		this.name = name;
		this.streamResponseType = streamResponseType;
		this.asyncStreamResponseType = asyncStreamResponseType;
		this.handlerType = handlerType;
		try {
			this.onCompleteFuture = asyncStreamResponseType.getMethod("onCompleteFuture");
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException(asyncStreamResponseType + " has no onCompleteFuture()", ex);
		}
		this.routes = routes(streamResponseType, asyncStreamResponseType, handlerType);
	}

	String name() {
		return this.name;
	}

	/** Wraps one SDK stream response so the recorder sees its events as the caller reads them. */
	Object follow(Object response, StreamRecorder<Object> recorder, boolean async) {
		if (!async) {
			return RoutingInvocationHandler.proxy(this.streamResponseType,
					new RecordedStreamResponse(response, this.routes, recorder));
		}
		return RoutingInvocationHandler.proxy(this.asyncStreamResponseType,
				new RecordedAsyncStreamResponse(response, this, completion(response), recorder));
	}

	/** The caller's handler, as the SDK's handler type, showing each event to the recorder first. */
	Object handler(Object handler, StreamRecorder<Object> recorder) {
		return RoutingInvocationHandler.proxy(this.handlerType, new RecordingHandler(handler, this.routes, recorder));
	}

	Map<Method, StreamRoute> routes() {
		return this.routes;
	}

	@SuppressWarnings("unchecked")
	private CompletableFuture<Void> completion(Object asyncResponse) {
		try {
			return (CompletableFuture<Void>) this.onCompleteFuture.invoke(asyncResponse);
		}
		catch (InvocationTargetException ex) {
			throw Invocations.rethrow(ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The traced methods of the three interfaces, by name: the SDKs name them alike. */
	private static Map<Method, StreamRoute> routes(Class<?>... types) {
		Map<Method, StreamRoute> routes = new HashMap<>();
		for (Class<?> type : types) {
			for (Method method : type.getMethods()) {
				StreamRoute route = switch (method.getName()) {
					case "stream" -> StreamRoute.STREAM;
					case "subscribe" -> StreamRoute.SUBSCRIBE;
					case "onCompleteFuture" -> StreamRoute.COMPLETION;
					case "close" -> StreamRoute.CLOSE;
					case "onNext" -> StreamRoute.ON_NEXT;
					case "onComplete" -> StreamRoute.ON_COMPLETE;
					default -> null;
				};
				if (route != null && (method.getParameterCount() == route.parameterCount
						|| (route == StreamRoute.SUBSCRIBE && method.getParameterCount() == 2))) {
					routes.put(method, route);
				}
			}
		}
		return Map.copyOf(routes);
	}

	/** A traced method of the stream response interfaces. */
	enum StreamRoute {

		/** {@code StreamResponse.stream()}. */
		STREAM(0),

		/** {@code AsyncStreamResponse.subscribe(handler)} and {@code subscribe(handler, executor)}. */
		SUBSCRIBE(1),

		/** {@code AsyncStreamResponse.onCompleteFuture()}. */
		COMPLETION(0),

		/** {@code close()} of either response. */
		CLOSE(0),

		/** {@code Handler.onNext(event)}. */
		ON_NEXT(1),

		/** {@code Handler.onComplete(error)}. */
		ON_COMPLETE(1);

		private final int parameterCount;

		StreamRoute(int parameterCount) {
			this.parameterCount = parameterCount;
		}

	}

}
