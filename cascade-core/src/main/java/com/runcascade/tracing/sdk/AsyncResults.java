package com.runcascade.tracing.sdk;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmResponse;

/** Ends an LLM call when the future of an asynchronous request completes. */
final class AsyncResults {

	private static final Logger logger = LoggerFactory.getLogger(AsyncResults.class);

	private AsyncResults() {
	}

	/**
	 * The future the caller receives: it completes exactly like the SDK's, right after the span
	 * ended. Cancelling it cancels the SDK's future.
	 * @param <T> the result type
	 * @param future the SDK's future
	 * @param call the call to end
	 * @param response reads the result; must not throw
	 * @return the future to hand to the caller
	 */
	public static <T> CompletableFuture<T> traced(CompletableFuture<T> future, LlmCall call,
			Function<@Nullable Object, LlmResponse> response) {
		CompletableFuture<T> traced = future.whenComplete((result, error) -> {
			try {
				if (error == null) {
					call.end(response.apply(result));
				}
				else if (Invocations.isCancellation(error)) {
					call.cancel(null);
				}
				else {
					call.fail(Invocations.unwrap(error), null);
				}
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Cascade could not finish an LLM span", ex);
			}
		});
		traced.whenComplete((result, error) -> {
			if (traced.isCancelled()) {
				future.cancel(false);
			}
		});
		return traced;
	}

}
