package com.runcascade.tracing.springai;

import java.util.function.BooleanSupplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.util.StringUtils;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmRequest;
import com.runcascade.tracing.llm.LlmResponse;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.support.CascadeContext;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.SpanErrors;
import com.runcascade.tracing.support.UsageRollup;

/**
 * Starts and ends the Cascade spans for Spring AI's observations: an LLM span per chat model
 * request, read from the prompt as the model received it, and a tool span per tool execution.
 *
 * <p>
 * Whether content is captured is decided in one place, {@link #capturesContent()}, which asks
 * the LLM recorder ({@link LlmTracing#capturesContent()}) that writes the LLM span: once per
 * model request and once per tool call, carried with the call to its end. So the request's
 * messages, the streamed chunks, the completion, the LLM span and the tool spans (whether a tool
 * observation or {@link TracedToolCallback} started them) never disagree.
 */
final class SpringAiSpans {

	/** Who records {@code gen_ai.usage.*} when Spring AI's own chat span is exported too. */
	static final String SPRING_AI = "spring-ai";

	/** The run a ChatClient call outside any trace becomes. */
	static final String CHAT_CLIENT_RUN = "ChatClient";

	private static final Log logger = LogFactory.getLog(SpringAiSpans.class);

	private final LlmTracing llmTracing;

	private final Tracer tracer;

	private final ContentFormatter formatter;

	private final BooleanSupplier springAiMetersTokens;

	private final BooleanSupplier observationsTimed;

	/** Resolved on first use: every bean is defined by then, and the answer never changes. */
	private volatile @Nullable Boolean tokensMeteredBySpringAi;

	/** Resolved on first use, as above. */
	private volatile @Nullable Boolean durationMeteredBySpringAi;

	/**
	 * Create the span factory.
	 * @param llmTracing starts LLM spans
	 * @param tracer starts tool spans
	 * @param formatter bounds and redacts captured content (whether there is any to capture is
	 * {@code llmTracing}'s decision, see {@link #capturesContent()})
	 * @param springAiMetersTokens whether Spring AI's own meter handler records token usage for the
	 * requests it observes (then Cascade's metrics leave the tokens out)
	 * @param observationsTimed whether a meter handler times every observation, Spring AI's chat
	 * model requests included (then Cascade's metrics leave the duration out)
	 */
	SpringAiSpans(LlmTracing llmTracing, Tracer tracer, ContentFormatter formatter,
			BooleanSupplier springAiMetersTokens, BooleanSupplier observationsTimed) {
		this.llmTracing = llmTracing;
		this.tracer = tracer;
		this.formatter = formatter;
		this.springAiMetersTokens = springAiMetersTokens;
		this.observationsTimed = observationsTimed;
	}

	Started startLlmCall(ChatModelObservationContext model, Context parent, boolean usageReportedBySpringAi) {
		String provider = model.getOperationMetadata().provider();
		boolean captureContent = capturesContent();
		boolean streaming = SpringAiLine.isStreaming(model);
		LlmRequest request = SpringAiConversions.request(model.getRequest(), provider, streaming, captureContent);
		LlmCall call = this.llmTracing.start(request, parent);
		if (call == null) {
			return Started.passThrough(parent);
		}
		if (usageReportedBySpringAi) {
			call.markUsageReportedElsewhere(SPRING_AI);
		}
		if (tokensMeteredBySpringAi()) {
			call.markUsageMeteredElsewhere(SPRING_AI);
		}
		if (durationMeteredBySpringAi()) {
			call.markDurationMeteredElsewhere(SPRING_AI);
		}
		ModelCall started = new ModelCall(call, model, parent, SpringAiConversions.cacheIncludedInInput(provider),
				captureContent, streaming && SpringAiLine.MODEL_RUNS_TOOL_LOOP);
		StreamRelay relay = parent.get(StreamRelay.KEY);
		if (streaming && relay != null) {
			relay.attach(started);
		}
		return started;
	}

	/**
	 * A ChatClient call. Its conversation ({@code ChatMemory.CONVERSATION_ID}) becomes the session
	 * of everything below it when no session is set, tool calls included (they run outside the
	 * advisors that see each model call). Outside any trace it becomes a run of its own, so its LLM
	 * and tool spans are one trace rather than one each, and so it does inside a trace the sampler
	 * dropped (linked to it, as {@code traceRun} does); anywhere else it adds no span.
	 */
	Started startChatClientCall(@Nullable ChatClientRequest request, Context parent) {
		Context context = withConversationSession(parent, request);
		SpanContext enclosing = Span.fromContext(context).getSpanContext();
		if (enclosing.isValid() && enclosing.isSampled()) {
			return Started.passThrough(context);
		}
		SpanBuilder builder = this.tracer.spanBuilder(CHAT_CLIENT_RUN)
			.setParent(context)
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(CascadeAttributes.SPAN_TYPE, CascadeAttributes.TYPE_FUNCTION);
		if (enclosing.isValid()) {
			// As a run does: inside a trace the sampler dropped, the call is kept as a trace of its own, linked.
			builder.setNoParent().addLink(enclosing);
		}
		Span span = builder.startSpan();
		Context run = UsageRollup.start(CascadeInstrumentation.withSpan(context, span), true);
		return new ChatClientRun(span, run, this.formatter);
	}

	/**
	 * The context with the ChatClient's conversation as session, when the request has one and no
	 * session is set; else the context as it is.
	 */
	static Context withConversationSession(Context context, @Nullable ChatClientRequest request) {
		if (request == null || CascadeContext.sessionId(context) != null) {
			return context;
		}
		Object conversationId = request.context().get(ChatMemory.CONVERSATION_ID);
		if (!(conversationId instanceof String id) || id.isBlank() || id.length() > CascadeContext.MAX_CONVERSATION_SESSION_ID_LENGTH) {
			return context;
		}
		return CascadeContext.withSession(context, id);
	}

	Started startTool(ToolCallingObservationContext tool, Context parent) {
		ToolDefinition definition = tool.getToolDefinition();
		String name = definition.name();
		UsageRollup.hintIfOutsideRun(parent, "a tool call");
		UsageRollup.addToolCall(parent);
		SpanBuilder builder = this.tracer.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(SpanKind.INTERNAL)
			.setAttribute(CascadeAttributes.SPAN_TYPE, CascadeAttributes.TYPE_TOOL)
			.setAttribute(CascadeAttributes.TOOL_NAME, name)
			.setAttribute(CascadeAttributes.TOOL_DESCRIPTION, description(definition))
			.setAttribute(CascadeAttributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.setAttribute(CascadeAttributes.GEN_AI_TOOL_NAME, name);
		String toolCallId = SpringAiLine.toolCallId(tool);
		if (StringUtils.hasText(toolCallId)) {
			builder.setAttribute(CascadeAttributes.GEN_AI_TOOL_CALL_ID, toolCallId);
		}
		boolean captureContent = capturesContent();
		if (captureContent) {
			// Already the JSON the model sent.
			builder.setAttribute(CascadeAttributes.TOOL_INPUT, this.formatter.truncate(tool.getToolCallArguments()));
		}
		Span span = builder.startSpan();
		ToolFailure failure = new ToolFailure();
		return new ToolCall(span, CascadeInstrumentation.withSpan(parent, span).with(ToolFailure.KEY, failure), tool, failure, this.formatter,
				captureContent, System.nanoTime());
	}

	/**
	 * Whether prompts, completions and tool inputs and outputs are recorded: the LLM recorder's
	 * answer, the one every Spring AI span follows.
	 */
	private boolean capturesContent() {
		return this.llmTracing.capturesContent();
	}

	private boolean tokensMeteredBySpringAi() {
		Boolean metered = this.tokensMeteredBySpringAi;
		if (metered == null) {
			metered = this.springAiMetersTokens.getAsBoolean();
			this.tokensMeteredBySpringAi = metered;
		}
		return metered;
	}

	private boolean durationMeteredBySpringAi() {
		Boolean metered = this.durationMeteredBySpringAi;
		if (metered == null) {
			metered = this.observationsTimed.getAsBoolean();
			this.durationMeteredBySpringAi = metered;
		}
		return metered;
	}

	private String description(ToolDefinition definition) {
		String description = definition.description();
		return (description != null) ? this.formatter.truncate(description) : "";
	}

	/** A span started for one Spring AI observation, ended when the observation stops. */
	interface Started {

		/** The context children of the observation run in. */
		Context context();

		/** End the span, once; {@code error} is the observation's error, if any. */
		void end(@Nullable Throwable error);

		/** The observation stopped; by default the span ends with it. */
		default void stopped(@Nullable Throwable error) {
			end(error);
		}

		/** No span of its own (a ChatClient layer, or a request already recorded outside). */
		static Started passThrough(Context context) {
			return new PassThrough(context);
		}

	}

	private record PassThrough(Context context) implements Started {

		@Override
		public void end(@Nullable Throwable error) {
		}

	}

	/** The run of a ChatClient call made outside any trace; ends when the call's observation stops. */
	private record ChatClientRun(Span span, Context context, ContentFormatter formatter) implements Started {

		@Override
		public void end(@Nullable Throwable error) {
			try {
				UsageRollup rollup = UsageRollup.of(this.context);
				if (rollup != null) {
					rollup.finish(this.span);
				}
				if (error != null) {
					SpanErrors.record(this.span, error, this.formatter);
				}
				else {
					this.span.setStatus(StatusCode.OK);
				}
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not finish a ChatClient run", ex);
			}
			finally {
				this.span.end();
			}
		}

	}

	/**
	 * The context outside a streamed round trip of a tool loop that a chat model runs itself
	 * (Spring AI 1.1), for a tool call or the next round trip starting in it, which ends the round
	 * trip; else {@code parent} as it is. Such a model starts them inside the round trip's
	 * observation, which stays open until the whole stream ends; Cascade records them next to it, in
	 * order, as for a loop that a ChatClient advisor runs.
	 * @param parent the context a tool call or round trip would start in
	 * @return the context to start it in
	 */
	static Context outsideStreamedRound(Context parent) {
		ModelCall round = parent.get(ModelCall.ROUND);
		if (round == null) {
			return parent;
		}
		round.roundOver(null);
		return round.parent;
	}

	/** One chat model request; the call itself ends its span exactly once. */
	static final class ModelCall implements Started {

		/** The streamed round trip whose context this is, when its model may run tools inside it. */
		static final ContextKey<ModelCall> ROUND = ContextKey.named("cascade-spring-ai-streamed-round");

		private final LlmCall call;

		private final ChatModelObservationContext model;

		/** The context the call started in. */
		private final Context parent;

		/** The context its children run in. */
		private final Context context;

		private final boolean cacheIncludedInInput;

		private final boolean captureContent;

		/** Filled by one stream's chunks, which arrive one at a time, before the call ends. */
		private final StringBuilder streamedReasoning = new StringBuilder();

		private final StringBuilder streamedText = new StringBuilder();

		private boolean thinkingStreamed;

		/**
		 * Set when a model that runs the tool loop itself moved on from this streamed round trip; its
		 * observation, still open, ends later with the whole loop's response, which is not this call's.
		 */
		private volatile boolean roundOver;

		/** Set when a ChatClient advisor follows the stream: it ends the call, not the observation. */
		private volatile boolean relayed;

		ModelCall(LlmCall call, ChatModelObservationContext model, Context parent, boolean cacheIncludedInInput,
				boolean captureContent, boolean streamedRound) {
			this.call = call;
			this.model = model;
			this.parent = parent;
			this.context = streamedRound ? call.context().with(ROUND, this) : call.context();
			this.cacheIncludedInInput = cacheIncludedInInput;
			this.captureContent = captureContent;
		}

		@Override
		public Context context() {
			return this.context;
		}

		void relayed() {
			this.relayed = true;
		}

		void firstToken() {
			this.call.firstToken();
		}

		/**
		 * The observation stopped. Spring AI stops a stream's observation once the model is done,
		 * which can be before the caller has read the first chunk (its advisor chain hands the
		 * stream over to another thread): a relayed stream is ended by the relay instead.
		 */
		@Override
		public void stopped(@Nullable Throwable error) {
			if (!this.relayed || error != null) {
				end(error);
			}
		}

		void cancel() {
			this.call.cancel(null);
		}

		/** Keeps a streamed chunk's reasoning, and its text apart from thinking (content capture only). */
		void chunk(ChatResponse chunk) {
			if (!this.captureContent) {
				return;
			}
			try {
				for (Generation generation : chunk.getResults()) {
					String reasoning = SpringAiConversions.reasoning(generation);
					if (reasoning != null) {
						// Some models send the reasoning so far with every chunk rather than the new part.
						if (startsWith(reasoning, this.streamedReasoning)) {
							this.streamedReasoning.setLength(0);
						}
						this.streamedReasoning.append(reasoning);
					}
					if (SpringAiConversions.isThinking(generation)) {
						this.thinkingStreamed = true;
					}
					else if (generation.getOutput() != null && generation.getOutput().getText() != null) {
						this.streamedText.append(generation.getOutput().getText());
					}
				}
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not read a Spring AI stream chunk", ex);
			}
		}

		/** Whether {@code text} begins with a non-empty {@code prefix}, without copying either. */
		private static boolean startsWith(String text, CharSequence prefix) {
			int length = prefix.length();
			if (length == 0 || length > text.length()) {
				return false;
			}
			for (int i = 0; i < length; i++) {
				if (text.charAt(i) != prefix.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		/**
		 * The response with what the chunks showed: their reasoning, and for thinking that Spring AI's
		 * aggregation mixed into the text, the text without it (plus the aggregated tool calls).
		 */
		private LlmResponse withStreamed(LlmResponse response, @Nullable ChatResponse aggregated) {
			if (this.streamedReasoning.isEmpty()) {
				return response;
			}
			String completion = response.completion();
			if (this.thinkingStreamed) {
				StringBuilder text = new StringBuilder(this.streamedText);
				if (aggregated != null) {
					for (Generation generation : aggregated.getResults()) {
						if (generation.getOutput() != null) {
							SpringAiConversions.appendToolCalls(text, generation.getOutput().getToolCalls());
						}
					}
				}
				completion = text.toString();
			}
			return new LlmResponse(response.responseModel(), response.responseId(), response.finishReasons(),
					completion, response.usage(), this.streamedReasoning.toString());
		}

		/**
		 * The response with this round trip's own usage where the model reported a running sum
		 * over its tool loop's rounds (Spring AI 1.1's models do; see {@code SpringAiLine}).
		 */
		private LlmResponse ownRound(LlmResponse converted, @Nullable ChatResponse response) {
			Usage reported = (response != null) ? response.getMetadata().getUsage() : null;
			Usage own = SpringAiLine.roundUsage(this.model, reported);
			if (own == reported) {
				return converted;
			}
			return new LlmResponse(converted.responseModel(), converted.responseId(), converted.finishReasons(),
					converted.completion(), SpringAiConversions.usage(own, this.cacheIncludedInInput),
					converted.reasoning());
		}

		/**
		 * The round trip is over: its model asks for tools (the response the tool loop was given), or
		 * a tool call or the next round trip started ({@code null}: only what the chunks showed is
		 * known). Later ends do nothing.
		 */
		void roundOver(@Nullable ChatResponse response) {
			if (this.roundOver) {
				return;
			}
			this.roundOver = true;
			try {
				this.call.end(ownRound(withStreamed(SpringAiConversions.response(response, this.cacheIncludedInInput,
						this.captureContent), response), response));
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not read a Spring AI chat response", ex);
				this.call.end(SpringAiConversions.response(null, this.cacheIncludedInInput, this.captureContent));
			}
		}

		@Override
		public void end(@Nullable Throwable error) {
			if (this.roundOver) {
				return;
			}
			ChatResponse response = this.model.getResponse();
			try {
				if (error != null) {
					this.call.fail(error, withStreamed(SpringAiConversions.response(response,
							this.cacheIncludedInInput, this.captureContent, SpringAiLine.isStreaming(this.model)), response));
				}
				else if (response == null && SpringAiLine.isStreaming(this.model)) {
					// A stream that stopped with neither a response nor an error was cancelled.
					this.call.cancel(null);
				}
				else {
					this.call.end(ownRound(withStreamed(SpringAiConversions.response(response,
							this.cacheIncludedInInput, this.captureContent, SpringAiLine.isStreaming(this.model)),
							response), response));
				}
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not read a Spring AI chat response", ex);
				this.call.end(SpringAiConversions.response(null, this.cacheIncludedInInput, this.captureContent));
			}
		}

	}

	/** One tool execution. */
	private static final class ToolCall implements Started {

		private final Span span;

		private final Context context;

		private final ToolCallingObservationContext tool;

		private final ToolFailure failure;

		private final ContentFormatter formatter;

		/** Decided when the call started, so its input and output are recorded alike. */
		private final boolean captureContent;

		private final long startNanos;

		ToolCall(Span span, Context context, ToolCallingObservationContext tool, ToolFailure failure,
				ContentFormatter formatter, boolean captureContent, long startNanos) {
			this.span = span;
			this.context = context;
			this.tool = tool;
			this.failure = failure;
			this.formatter = formatter;
			this.captureContent = captureContent;
			this.startNanos = startNanos;
		}

		@Override
		public Context context() {
			return this.context;
		}

		@Override
		public void end(@Nullable Throwable error) {
			try {
				this.span.setAttribute(CascadeAttributes.TOOL_DURATION_MS,
						(System.nanoTime() - this.startNanos) / 1_000_000.0);
				String result = this.tool.getToolCallResult();
				if (this.captureContent && result != null) {
					this.span.setAttribute(CascadeAttributes.TOOL_OUTPUT, this.formatter.truncate(result));
				}
				// Spring AI hands most tool failures back to the model as a result; they are failures still.
				Throwable failed = (error != null) ? error : this.failure.error;
				if (failed != null) {
					this.span.setAttribute(CascadeAttributes.TOOL_ERROR, SpanErrors.describe(failed, this.formatter));
					SpanErrors.record(this.span, failed, this.formatter);
				}
				else {
					this.span.setStatus(StatusCode.OK);
				}
			}
			catch (Throwable ex) {
				SpanErrors.rethrowIfFatal(ex);
				logger.debug("Cascade could not finish a Spring AI tool span", ex);
			}
			finally {
				this.span.end();
			}
		}

	}

	/**
	 * Where the tool's own exception is left when Spring AI turns it into a result for the model
	 * (see {@link ToolFailureRecorder}).
	 */
	static final class ToolFailure {

		static final ContextKey<ToolFailure> KEY = ContextKey.named("cascade-spring-ai-tool-failure");

		volatile @Nullable Throwable error;

	}

}
