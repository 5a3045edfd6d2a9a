package com.runcascade.tracing.sdk;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.sdk.LlmSdk.StreamRoute;

/**
 * Proxy behind a traced blocking stream response, for any SDK's {@code StreamResponse}: events
 * reach the caller one by one, exactly as the SDK reads them, while the span follows along. The
 * span ends when the stream is exhausted, fails, or the response (or its stream) is closed.
 */
final class RecordedStreamResponse extends RoutingInvocationHandler<StreamRoute> {

	private static final Logger logger = LoggerFactory.getLogger(RecordedStreamResponse.class);

	private final StreamRecorder<Object> recorder;

	RecordedStreamResponse(Object delegate, Map<Method, StreamRoute> routes, StreamRecorder<Object> recorder) {
		super(delegate, routes);
		this.recorder = recorder;
	}

	@Override
	@SuppressWarnings("unchecked")
	protected @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args,
			StreamRoute route) throws Throwable {
		if (route == StreamRoute.STREAM) {
			Stream<Object> source = (Stream<Object>) Invocations.invoke(method, this.delegate, args);
			return (source != null) ? stream(source) : null;
		}
		if (route == StreamRoute.CLOSE) {
			this.recorder.close();
		}
		return Invocations.invoke(method, this.delegate, args);
	}

	private Stream<Object> stream(Stream<Object> source) {
		try {
			return StreamSupport.stream(new RecordingSpliterator<>(source.spliterator(), this.recorder), false)
				.onClose(source::close)
				.onClose(this.recorder::close);
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not follow a streamed response; its events are not traced", ex);
			return source;
		}
	}

}
