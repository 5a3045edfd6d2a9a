package com.runcascade.tracing.sdk;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.LlmTracing;

/**
 * Runs one traced SDK call, blocking or asynchronous, streamed or not: starts an {@link LlmCall},
 * makes it current while the SDK runs, and ends it with the response, when the future completes,
 * or when the stream ends. Any failure to read is logged and leaves the call untraced.
 */
public final class LlmCallInvoker {

	private static final Logger logger = LoggerFactory.getLogger(LlmCallInvoker.class);

	private static final LlmResponse NO_RESPONSE = new LlmResponse(null, null, List.of(), null, null);

	private final Supplier<@Nullable LlmTracing> tracing;

	private final LlmApi<Object, Object, Object> api;

	private final LlmSdk sdk;

	@SuppressWarnings("unchecked")
	public LlmCallInvoker(Supplier<@Nullable LlmTracing> tracing, LlmApi<?, ?, ?> api, LlmSdk sdk) {
		this.tracing = tracing;
		// Only ever called with params and results checked against the API's own types.
		this.api = (LlmApi<Object, Object, Object>) api;
		this.sdk = sdk;
	}

	/**
	 * Call a create method on the SDK's service, traced when its first argument is the API's params.
	 * @param method a {@code create} or {@code createStreaming} method
	 * @param target the SDK's service
	 * @param args the arguments, the params first ({@code null} as the JDK passes it for a call without
	 * arguments, which is then not traced)
	 * @param streaming whether the method returns a stream response
	 * @param async whether the method returns a future or an asynchronous stream response
	 * @return what the SDK returned, or its traced form
	 * @throws Throwable what the SDK threw
	 */
	public @Nullable Object invoke(Method method, Object target, @Nullable Object @Nullable [] args,
			boolean streaming, boolean async) throws Throwable {
		return invoke(null, method, target, args, streaming, async);
	}

	/**
	 * Call a create method through the service proxy's handler, which may call the SDK directly.
	 * @param handler the traced service's handler
	 * @param method a {@code create} or {@code createStreaming} method
	 * @param args the arguments, the params first
	 * @param streaming whether the method returns a stream response
	 * @param async whether the method returns a future or an asynchronous stream response
	 * @return what the SDK returned, or its traced form
	 * @throws Throwable what the SDK threw
	 */
	public @Nullable Object invoke(TracedServiceHandler handler, Method method, @Nullable Object @Nullable [] args,
			boolean streaming, boolean async) throws Throwable {
		return invoke(handler, method, handler.delegate, args, streaming, async);
	}

	@SuppressWarnings("unchecked")
	private @Nullable Object invoke(@Nullable TracedServiceHandler handler, Method method, Object target,
			@Nullable Object @Nullable [] args, boolean streaming, boolean async) throws Throwable {
		Object params = (args != null && args.length > 0) ? args[0] : null;
		LlmTracing tracing = (params != null) ? this.tracing.get() : null;
		if (params == null || tracing == null) {
			return sdkCall(handler, method, target, args, streaming);
		}
		LlmCall call = start(tracing, params, streaming);
		if (call == null) {
			return sdkCall(handler, method, target, args, streaming);
		}
		boolean capture = tracing.capturesContent();
		Object result;
		try (Scope scope = call.makeCurrent()) {
			result = sdkCall(handler, method, target, args, streaming);
		}
		catch (Throwable ex) {
			call.fail(ex, null);
			throw ex;
		}
		if (result == null || !(streaming || async)) {
			// Nothing left to follow: the call ends now.
			call.end(response(result, capture));
			return result;
		}
		if (streaming) {
			return follow(call, result, params, async);
		}
		return AsyncResults.traced((CompletableFuture<Object>) result, call, this::response);
	}

	private static @Nullable Object sdkCall(@Nullable TracedServiceHandler handler, Method method, Object target,
			@Nullable Object @Nullable [] args, boolean streaming) throws Throwable {
		return (handler != null) ? handler.call(method, args, streaming) : Invocations.invoke(method, target, args);
	}

	/** Starts the span, or returns {@code null} when the call is not to be traced here. */
	private @Nullable LlmCall start(LlmTracing tracing, Object params, boolean streaming) {
		if (!this.api.paramsType().isInstance(params)
				|| LlmTracing.isRecording(Context.current())) {
			return null;
		}
		try {
			return tracing.start(this.api.request(params, streaming, tracing.capturesContent()));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read an " + this.sdk.name() + " request; the call runs untraced", ex);
			return null;
		}
	}

	/** The traced stream response; the SDK's own, untraced, when it cannot be followed. */
	private Object follow(LlmCall call, Object response, Object params, boolean async) {
		try {
			StreamRecorder<Object> recorder = new StreamRecorder<>(call,
					this.api.accumulator(params, capturesContent()));
			return this.sdk.follow(response, recorder, async);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not follow an " + this.sdk.name() + " stream; it is returned untraced", ex);
			call.end(NO_RESPONSE);
			return response;
		}
	}

	private LlmResponse response(@Nullable Object result) {
		return response(result, capturesContent());
	}

	private LlmResponse response(@Nullable Object result, boolean capture) {
		try {
			if (this.api.responseType().isInstance(result)) {
				return this.api.response(result, capture);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read an " + this.sdk.name() + " response", ex);
		}
		return NO_RESPONSE;
	}

	private boolean capturesContent() {
		LlmTracing tracing = this.tracing.get();
		return tracing != null && tracing.capturesContent();
	}

}
