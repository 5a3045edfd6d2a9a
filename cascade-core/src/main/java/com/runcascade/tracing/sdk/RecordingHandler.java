package com.runcascade.tracing.sdk;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.sdk.LlmSdk.StreamRoute;

/**
 * Proxy behind a subscriber to an asynchronous stream, for any SDK's {@code Handler}: shows each
 * event to the recorder, then to the caller's handler.
 */
final class RecordingHandler extends RoutingInvocationHandler<StreamRoute> {

	private final StreamRecorder<Object> recorder;

	private volatile @Nullable Throwable handlerError;

	RecordingHandler(Object handler, Map<Method, StreamRoute> routes, StreamRecorder<Object> recorder) {
		super(handler, routes);
		this.recorder = recorder;
	}

	@Override
	protected @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args,
			StreamRoute route) throws Throwable {
		if (route == StreamRoute.ON_NEXT && args != null && args[0] != null) {
			this.recorder.onEvent(args[0]);
			try {
				return Invocations.invoke(method, this.delegate, args);
			}
			catch (Throwable ex) {
				this.handlerError = ex;
				throw ex;
			}
		}
		if (route == StreamRoute.ON_COMPLETE && args != null && args[0] instanceof Optional<?> error) {
			if (error.isEmpty()) {
				this.recorder.complete();
			}
			else if (error.get() == this.handlerError) {
				// The caller's handler failed: the stream was abandoned, not broken.
				this.recorder.close();
			}
			else {
				this.recorder.fail((Throwable) error.get());
			}
		}
		return Invocations.invoke(method, this.delegate, args);
	}

}
