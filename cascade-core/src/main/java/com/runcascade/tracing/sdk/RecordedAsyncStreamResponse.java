package com.runcascade.tracing.sdk;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.sdk.LlmSdk.StreamRoute;

/**
 * Proxy behind a traced asynchronous stream response, for any SDK's {@code AsyncStreamResponse}:
 * events reach the subscriber as the SDK delivers them, through a {@link RecordingHandler}, while
 * the span follows along. The span ends when the stream completes, fails or is closed.
 */
final class RecordedAsyncStreamResponse extends RoutingInvocationHandler<StreamRoute> {

	private final LlmSdk sdk;

	private final CompletableFuture<Void> completion;

	private final StreamRecorder<Object> recorder;

	RecordedAsyncStreamResponse(Object delegate, LlmSdk sdk, CompletableFuture<Void> completion,
			StreamRecorder<Object> recorder) {
		super(delegate, sdk.routes());
		this.sdk = sdk;
		this.completion = completion;
		this.recorder = recorder;
		// Covers what no subscriber sees: a request that failed before any subscription, or a
		// response closed without one. After a subscriber's onComplete this does nothing.
		completion.whenComplete((ignored, error) -> {
			if (error != null) {
				recorder.fail(error);
			}
			else {
				recorder.close();
			}
		});
	}

	@Override
	protected @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args,
			StreamRoute route) throws Throwable {
		if (route == StreamRoute.SUBSCRIBE && args != null && args[0] != null) {
			@Nullable Object[] recorded = args.clone();
			recorded[0] = this.sdk.handler(args[0], this.recorder);
			Invocations.invoke(method, this.delegate, recorded);
			return proxy;
		}
		if (route == StreamRoute.COMPLETION) {
			return this.completion;
		}
		if (route == StreamRoute.CLOSE) {
			this.recorder.close();
		}
		return Invocations.invoke(method, this.delegate, args);
	}

}
