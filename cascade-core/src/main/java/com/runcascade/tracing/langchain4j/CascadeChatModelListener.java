package com.runcascade.tracing.langchain4j;

import java.util.Map;
import java.util.function.Supplier;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmTracing;

/**
 * A LangChain4j {@link ChatModelListener} that records each request of the model it is given to as
 * a Cascade LLM span, a child of the run and agent current when the request is made.
 *
 * <p>
 * The span travels from {@code onRequest} to {@code onResponse} or {@code onError} in the request's
 * {@code attributes()} map, so a streamed response that completes on an HTTP client thread ends the
 * span of the caller's run. A synchronous model's listener also makes the span current while the
 * model is called (LangChain4j calls the three methods on the caller's thread), so layers below,
 * such as a traced SDK client, nest under it and record no second LLM span. A streaming model
 * returns before its response arrives, so its listener never makes anything current: use
 * {@link #forStreamingChatModel} for streaming models and {@link #forChatModel} for the others.
 *
 * <p>
 * Never throws: a failure to record is logged at debug level and the model call goes on untraced.
 */
public final class CascadeChatModelListener implements ChatModelListener {

	private static final Logger logger = LoggerFactory.getLogger(CascadeChatModelListener.class);

	/** Keys of the attributes map: private objects, so no other listener can clash with them. */
	private static final Object CALL = new Object();

	private static final Object SCOPE = new Object();

	/** The stream a streaming listener just started on this thread, for {@link #timingFirstToken}. */
	private static final ThreadLocal<LlmCall> startedStream = new ThreadLocal<>();

	private final Supplier<? extends @Nullable LlmTracing> tracing;

	private final boolean streaming;

	private CascadeChatModelListener(Supplier<? extends @Nullable LlmTracing> tracing, boolean streaming) {
		this.tracing = tracing;
		this.streaming = streaming;
	}

	/**
	 * The listener for a synchronous {@code ChatModel} built outside Spring's beans: give it to the
	 * model's builder ({@code .listeners(List.of(CascadeChatModelListener.forChatModel()))}). It
	 * records through the application's Cascade while its Spring context runs, and does nothing
	 * otherwise.
	 * @return the listener
	 */
	public static CascadeChatModelListener forChatModel() {
		return new CascadeChatModelListener(LangChain4jTracing::currentLlm, false);
	}

	/**
	 * The listener for a {@code StreamingChatModel} built outside Spring's beans; see
	 * {@link #forChatModel()}.
	 * @return the listener
	 */
	public static CascadeChatModelListener forStreamingChatModel() {
		return new CascadeChatModelListener(LangChain4jTracing::currentLlm, true);
	}

	/**
	 * The listener for a synchronous {@code ChatModel}. Internal: the auto-configuration's form.
	 * @param tracing supplies the LLM recorder, looked up on each request ({@code null}: untraced)
	 * @return the listener
	 */
	public static CascadeChatModelListener forChatModel(Supplier<? extends @Nullable LlmTracing> tracing) {
		return new CascadeChatModelListener(tracing, false);
	}

	/**
	 * The listener for a {@code StreamingChatModel}. Internal: the auto-configuration's form.
	 * @param tracing supplies the LLM recorder, looked up on each request ({@code null}: untraced)
	 * @return the listener
	 */
	public static CascadeChatModelListener forStreamingChatModel(Supplier<? extends @Nullable LlmTracing> tracing) {
		return new CascadeChatModelListener(tracing, true);
	}

	/**
	 * Whether this listener is the one for streaming models.
	 * @return whether requests are recorded as streamed
	 */
	public boolean streaming() {
		return this.streaming;
	}

	@Override
	public void onRequest(ChatModelRequestContext requestContext) {
		try {
			if (this.streaming) {
				startedStream.remove();
			}
			LlmTracing tracing = this.tracing.get();
			if (tracing == null) {
				ParentHandoff.clear();
				return;
			}
			// An AI service's events then leave this request to the listener.
			IssuedRequest.markRecorded(requestContext.chatRequest());
			LlmCall call = tracing.start(LangChain4jConversions.request(requestContext.chatRequest(),
					requestContext.modelProvider(), this.streaming, tracing.capturesContent()), ParentHandoff.parent());
			if (call == null) {
				return;
			}
			Map<Object, Object> attributes = requestContext.attributes();
			attributes.put(CALL, call);
			if (this.streaming) {
				startedStream.set(call);
			}
			else {
				attributes.put(SCOPE, new ThreadScope(call.makeCurrent(), Thread.currentThread()));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not start a LangChain4j LLM span", ex);
		}
	}

	/**
	 * The handler a streaming model's {@code doChat} is given, timing the first streamed chunk of
	 * the request this thread's streaming listener has just recorded ({@code llm.time_to_first_token_ms}).
	 * LangChain4j calls {@code onRequest} and then {@code doChat} on the caller's thread, and shows
	 * listeners no chunk, so only a layer around {@code doChat} (the Spring auto-configuration's
	 * model proxy) can time it. Returns the handler itself when no such request was recorded.
	 * @param handler the handler LangChain4j passes to {@code doChat}
	 * @return the handler to pass on
	 */
	public static StreamingChatResponseHandler timingFirstToken(StreamingChatResponseHandler handler) {
		LlmCall call = startedStream.get();
		if (call == null) {
			return handler;
		}
		startedStream.remove();
		return new FirstTokenHandler(handler, call);
	}

	@Override
	public void onResponse(ChatModelResponseContext responseContext) {
		Map<Object, Object> attributes = responseContext.attributes();
		closeScope(attributes);
		LlmCall call = call(attributes);
		if (call == null) {
			return;
		}
		try {
			ChatResponse response = responseContext.chatResponse();
			call.end(LangChain4jConversions.response(response, responseContext.modelProvider(), captures()));
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not read a LangChain4j chat response", ex);
			call.end(LangChain4jConversions.response(null, responseContext.modelProvider(), false));
		}
	}

	@Override
	public void onError(ChatModelErrorContext errorContext) {
		Map<Object, Object> attributes = errorContext.attributes();
		closeScope(attributes);
		LlmCall call = call(attributes);
		if (call != null) {
			call.fail(errorContext.error(), null);
		}
	}

	private boolean captures() {
		LlmTracing tracing = this.tracing.get();
		return tracing != null && tracing.capturesContent();
	}

	private static @Nullable LlmCall call(Map<Object, Object> attributes) {
		Object call = attributes.remove(CALL);
		return (call instanceof LlmCall llmCall) ? llmCall : null;
	}

	/** Closes the span's scope on the thread that opened it; never on another (a misused listener). */
	private static void closeScope(Map<Object, Object> attributes) {
		Object scope = attributes.remove(SCOPE);
		if (!(scope instanceof ThreadScope threadScope)) {
			return;
		}
		if (threadScope.thread() == Thread.currentThread()) {
			threadScope.scope().close();
		}
		else {
			logger.warn("Cascade's LangChain4j listener for synchronous models was given to a streaming model; "
					+ "use CascadeChatModelListener.forStreamingChatModel for streaming models");
		}
	}

	private record ThreadScope(Scope scope, Thread thread) {

	}

}
