package com.runcascade.tracing.langchain4j;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * Hands a streamed AI service call's context to the model request LangChain4j makes right after it
 * on the same thread. A streamed call's follow-up requests (after a tool ran) start on the HTTP
 * client's thread, where nothing is current: without this they would each start a trace of their own.
 */
final class ParentHandoff {

	private static final ThreadLocal<Context> pending = new ThreadLocal<>();

	private ParentHandoff() {
	}

	/** The AI service is about to call its model on this thread, for a call made in {@code context}. */
	static void offer(Context context) {
		pending.set(context);
	}

	static void clear() {
		pending.remove();
	}

	/**
	 * The context a model request starts in: the current one, unless nothing is current and an AI
	 * service handed one over on this thread. Always takes the hand-over, so it is used once at most.
	 */
	static Context parent() {
		Context handed = pending.get();
		if (handed == null) {
			return Context.current();
		}
		pending.remove();
		Context current = Context.current();
		return Span.fromContext(current).getSpanContext().isValid() ? current : handed;
	}

}
