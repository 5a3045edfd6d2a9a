package com.runcascade.tracing.annotation;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends spans of methods returning {@link Mono} or {@link Flux} when the publisher completes,
 * fails or is cancelled. Loaded only when Reactor is on the classpath.
 */
final class ReactorResults {

	/** A Flux output records at most this many elements. */
	static final int MAX_RECORDED_ELEMENTS = 100;

	private ReactorResults() {
	}

	static boolean isReactive(@Nullable Object result) {
		return result instanceof Mono<?> || result instanceof Flux<?>;
	}

	static Object traced(Object result, MethodTracing.Invocation invocation) {
		if (result instanceof Mono<?> mono) {
			return mono.doOnSuccess(invocation::succeed)
				.doOnError(invocation::fail)
				.doOnCancel(invocation::cancelled);
		}
		Flux<?> flux = (Flux<?>) result;
		return Flux.defer(() -> {
			// Signals of one subscription are serial, so a plain list is safe here.
			List<Object> elements = new ArrayList<>();
			return flux.doOnNext((element) -> {
				if (elements.size() < MAX_RECORDED_ELEMENTS) {
					elements.add(element);
				}
			})
				.doOnComplete(() -> invocation.succeed(elements))
				.doOnError(invocation::fail)
				.doOnCancel(invocation::cancelled);
		});
	}

}
