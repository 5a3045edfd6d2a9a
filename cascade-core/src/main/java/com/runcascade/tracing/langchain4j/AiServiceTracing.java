package com.runcascade.tracing.langchain4j;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.event.GuardrailExecutedEvent;
import dev.langchain4j.observability.api.event.ToolExecutedEvent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.support.CascadeContext;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.DefaultCascadeTracer;
import com.runcascade.tracing.support.UsageRollup;

/**
 * Records LangChain4j AI service calls from their events.
 *
 * <p>
 * A synchronous call (its method returns neither a {@code TokenStream} nor an asynchronous type) runs
 * on the caller's thread from its started event to its completed or error event, so for its duration
 * it becomes an agent named after the service interface when no agent is current (otherwise it adds
 * no span), with its memory id as the session when none is set. Its LLM spans and tool spans nest
 * under it. A streamed call ends on another thread, so it adds no span: its tool spans are children
 * of the context it was called in.
 *
 * <p>
 * A tool span is recorded when LangChain4j reports the tool executed: from the end of the model
 * response that asked for it (or of the tool before it) to that report.
 *
 * <p>
 * A model request that no Cascade listener records (the model was built without one, not declared
 * as a bean) is recorded from the request issued event to the response received or error event,
 * with the same conversions as the listener's, so its LLM span, tokens and cost are the same.
 */
final class AiServiceTracing {

	/** LangChain4j's memory id when the method has no {@code @MemoryId} parameter. */
	static final String DEFAULT_MEMORY_ID = "default";

	/** Streamed calls that never start or end are forgotten beyond this many. */
	private static final int MAX_OPEN_INVOCATIONS = 10_000;

	private static final AttributeKey<String> GUARDRAIL_NAME = AttributeKey.stringKey("guardrail.name");

	private static final AttributeKey<String> GUARDRAIL_RESULT = AttributeKey.stringKey("guardrail.result");

	private final CascadeInstrumentation instrumentation;

	private final DefaultCascadeTracer tracer;

	private final @Nullable LlmTracing llm;

	private final Map<UUID, Invocation> invocations = new ConcurrentHashMap<>();

	private final Map<String, Boolean> synchronousMethods = new ConcurrentHashMap<>();

	AiServiceTracing(CascadeInstrumentation instrumentation, @Nullable LlmTracing llm) {
		this.instrumentation = instrumentation;
		this.tracer = new DefaultCascadeTracer(instrumentation);
		this.llm = llm;
	}

	CascadeInstrumentation instrumentation() {
		return this.instrumentation;
	}

	void started(AiServiceStartedEvent event) {
		InvocationContext invocation = event.invocationContext();
		if (this.invocations.size() >= MAX_OPEN_INVOCATIONS) {
			return;
		}
		List<CascadeScope> scopes = new ArrayList<>(2);
		boolean synchronous = isSynchronous(invocation);
		if (synchronous) {
			String session = sessionId(invocation.chatMemoryId());
			if (session != null && CascadeContext.sessionId(Context.current()) == null) {
				scopes.add(this.tracer.sessionScope(session));
			}
			if (CascadeContext.agentName(Context.current()) == null) {
				Map<String, String> metadata = Map.of("service", invocation.interfaceName(), "method",
						invocation.methodName());
				scopes.add(this.tracer.traceAgent(simpleName(invocation.interfaceName()), metadata));
			}
		}
		this.invocations.put(invocation.invocationId(),
				new Invocation(Context.current(), scopes, synchronous ? Thread.currentThread() : null, !synchronous));
	}

	void requestIssued(AiServiceRequestIssuedEvent event) {
		Invocation invocation = this.invocations.get(event.invocationContext().invocationId());
		if (invocation != null && !invocation.onOwnThread()) {
			ParentHandoff.offer(invocation.context);
		}
		if (invocation != null) {
			invocation.endTools(event.request().messages(), this.instrumentation.contentFormatter());
			if (this.llm != null) {
				IssuedRequest issued = new IssuedRequest(event.request(),
						invocation.onOwnThread() ? Context.current() : invocation.context, System.nanoTime());
				invocation.issued = issued;
				issued.announce();
			}
		}
		ChatRequestParameters parameters = event.request().parameters();
		if (invocation == null || parameters == null || parameters.toolSpecifications() == null) {
			return;
		}
		for (ToolSpecification tool : parameters.toolSpecifications()) {
			if (tool.description() != null) {
				invocation.toolDescriptions.put(tool.name(), tool.description());
			}
		}
	}

	void responseReceived(AiServiceResponseReceivedEvent event) {
		// A model without Cascade's listener left the hand-over untaken: it must not reach a later request.
		ParentHandoff.clear();
		IssuedRequest.clear();
		Invocation invocation = this.invocations.get(event.invocationContext().invocationId());
		if (invocation != null) {
			IssuedRequest issued = invocation.takeIssued();
			if (issued != null) {
				recordLlmCall(issued, event.invocationContext(), invocation.streaming, event.response(), null);
			}
			invocation.mark = Instant.now();
		}
	}

	/**
	 * Records a request a model without Cascade's listener made (a model built inside the application
	 * rather than declared as a bean), from the request issued event to the response received or error
	 * event. The provider is the AI service's model's ({@code InvocationContext.modelProvider()}), or
	 * else the one the usage type tells; the model name and parameters are the request's over the
	 * model's defaults, as the model itself merges them.
	 */
	private void recordLlmCall(IssuedRequest issued, InvocationContext invocation, boolean streaming,
			@Nullable ChatResponse response, @Nullable Throwable error) {
		LlmTracing tracing = this.llm;
		if (tracing == null || issued.recordedByListener()) {
			return;
		}
		ChatRequest request = issued.request;
		ChatRequestParameters defaults = invocation.defaultRequestParameters();
		if (defaults != null) {
			request = ChatRequest.builder()
				.messages(request.messages())
				.parameters(defaults.overrideWith(request.parameters()))
				.build();
		}
		ModelProvider provider = provider(invocation.modelProvider(), response);
		LlmCall call = tracing.startedAt(
				LangChain4jConversions.request(request, provider, streaming, tracing.capturesContent()), issued.parent,
				issued.startNanoTime);
		if (call == null) {
			return;
		}
		if (error != null) {
			call.fail(error, null);
		}
		else {
			call.end(LangChain4jConversions.response(response, provider, tracing.capturesContent()));
		}
	}

	private static @Nullable ModelProvider provider(@Nullable ModelProvider provider, @Nullable ChatResponse response) {
		if (provider != null && provider != ModelProvider.OTHER) {
			return provider;
		}
		dev.langchain4j.model.output.TokenUsage usage = (response != null && response.metadata() != null)
				? response.metadata().tokenUsage() : null;
		String type = (usage != null) ? usage.getClass().getName() : "";
		return switch (type) {
			case LangChain4jConversions.OPENAI_USAGE -> ModelProvider.OPEN_AI;
			case LangChain4jConversions.ANTHROPIC_USAGE -> ModelProvider.ANTHROPIC;
			default -> provider;
		};
	}

	void toolExecuted(ToolExecutedEvent event) {
		Invocation invocation = this.invocations.get(event.invocationContext().invocationId());
		Instant end = Instant.now();
		Instant start = (invocation != null && invocation.mark != null) ? invocation.mark : end;
		Context parent = (invocation != null && !invocation.onOwnThread()) ? invocation.context : Context.current();
		ToolExecutionRequest request = event.request();
		String name = request.name();
		ContentFormatter formatter = this.instrumentation.contentFormatter();
		UsageRollup.hintIfOutsideRun(parent, "a tool call");
		UsageRollup.addToolCall(parent);
		String description = (invocation != null) ? invocation.toolDescriptions.get(name) : null;
		SpanBuilder builder = this.instrumentation.otelTracer()
			.spanBuilder(name)
			.setParent(parent)
			.setSpanKind(SpanKind.INTERNAL)
			.setStartTimestamp(epochNanos(start), TimeUnit.NANOSECONDS)
			.setAttribute(CascadeAttributes.SPAN_TYPE, CascadeAttributes.TYPE_TOOL)
			.setAttribute(CascadeAttributes.TOOL_NAME, name)
			.setAttribute(CascadeAttributes.TOOL_DESCRIPTION, (description != null) ? formatter.truncate(description) : "")
			.setAttribute(CascadeAttributes.GEN_AI_OPERATION_NAME, "execute_tool")
			.setAttribute(CascadeAttributes.GEN_AI_TOOL_NAME, name)
			.setAttribute(CascadeAttributes.TOOL_DURATION_MS, (epochNanos(end) - epochNanos(start)) / 1_000_000.0);
		if (request.id() != null && !request.id().isBlank()) {
			builder.setAttribute(CascadeAttributes.GEN_AI_TOOL_CALL_ID, request.id());
		}
		if (formatter.captureContent()) {
			builder.setAttribute(CascadeAttributes.TOOL_INPUT, formatter.truncate(nonNull(request.arguments())));
			builder.setAttribute(CascadeAttributes.TOOL_OUTPUT, formatter.truncate(nonNull(event.resultText())));
		}
		Span span = builder.startSpan();
		if (invocation == null) {
			span.setStatus(StatusCode.OK);
			span.end(epochNanos(end), TimeUnit.NANOSECONDS);
			return;
		}
		// Whether the tool failed shows in the result message the next request sends back to the model
		// (the event does not say): the span ends then, at the time the tool finished.
		invocation.pendingTools.add(new PendingTool(span, request.id(), epochNanos(end)));
		// The next tool of the same response starts where this one ended.
		invocation.mark = end;
	}

	void guardrail(GuardrailExecutedEvent<?, ?, ?> event) {
		Invocation invocation = this.invocations.get(event.invocationContext().invocationId());
		Context context = (invocation != null && !invocation.onOwnThread()) ? invocation.context : Context.current();
		Span span = Span.fromContext(context);
		if (span.getSpanContext().isValid()) {
			span.addEvent("guardrail", Attributes.of(GUARDRAIL_NAME, event.guardrailName(), GUARDRAIL_RESULT,
					String.valueOf(event.result().result()).toLowerCase(java.util.Locale.ROOT)));
		}
	}

	void completed(AiServiceCompletedEvent event) {
		ParentHandoff.clear();
		IssuedRequest.clear();
		Invocation invocation = this.invocations.remove(event.invocationContext().invocationId());
		if (invocation != null) {
			// A request with no response event (an output guardrail's reprompt) cannot be recorded here.
			invocation.takeIssued();
			invocation.endTools(List.of(), this.instrumentation.contentFormatter());
			invocation.close(null);
		}
	}

	void failed(AiServiceErrorEvent event) {
		ParentHandoff.clear();
		IssuedRequest.clear();
		Invocation invocation = this.invocations.remove(event.invocationContext().invocationId());
		if (invocation != null) {
			IssuedRequest issued = invocation.takeIssued();
			if (issued != null) {
				// The model request failed (or what ran after it before its response event).
				recordLlmCall(issued, event.invocationContext(), invocation.streaming, null, event.error());
			}
			invocation.endTools(List.of(), this.instrumentation.contentFormatter());
			invocation.close(event.error());
		}
	}

	/** Whether the method returns on the caller's thread only once the call is done. */
	private boolean isSynchronous(InvocationContext invocation) {
		return this.synchronousMethods.computeIfAbsent(invocation.interfaceName() + '#' + invocation.methodName(),
				(key) -> synchronousReturnTypes(invocation.interfaceName(), invocation.methodName()));
	}

	private static boolean synchronousReturnTypes(String interfaceName, String methodName) {
		Class<?> type = load(interfaceName);
		if (type == null) {
			return false;
		}
		boolean found = false;
		for (Method method : type.getMethods()) {
			if (method.getName().equals(methodName)) {
				if (!isSynchronous(method.getReturnType())) {
					return false;
				}
				found = true;
			}
		}
		return found;
	}

	/** Not a token stream, future or reactive type (LangChain4j adapts token streams to those). */
	private static boolean isSynchronous(Class<?> returnType) {
		String name = returnType.getName();
		return !name.equals("dev.langchain4j.service.TokenStream") && !Future.class.isAssignableFrom(returnType)
				&& !java.util.concurrent.CompletionStage.class.isAssignableFrom(returnType)
				&& !java.util.concurrent.Flow.Publisher.class.isAssignableFrom(returnType)
				&& !name.startsWith("reactor.") && !name.startsWith("io.smallrye.mutiny.")
				&& !name.startsWith("io.reactivex.") && !name.startsWith("org.reactivestreams.")
				&& !name.startsWith("kotlinx.coroutines.");
	}

	private static @Nullable Class<?> load(String name) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try {
			return Class.forName(name, false, (loader != null) ? loader : AiServiceTracing.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			try {
				return Class.forName(name, false, AiServiceTracing.class.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError again) {
				return null;
			}
		}
	}

	static @Nullable String sessionId(@Nullable Object memoryId) {
		if (memoryId == null) {
			return null;
		}
		String id = memoryId.toString();
		if (id == null || id.isBlank() || DEFAULT_MEMORY_ID.equals(id) || id.length() > CascadeContext.MAX_CONVERSATION_SESSION_ID_LENGTH) {
			return null;
		}
		return id;
	}

	static String simpleName(String interfaceName) {
		int dot = Math.max(interfaceName.lastIndexOf('.'), interfaceName.lastIndexOf('$'));
		return interfaceName.substring(dot + 1);
	}

	private static long epochNanos(Instant instant) {
		return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
	}

	private static String nonNull(@Nullable String text) {
		return (text != null) ? text : "";
	}

	private record PendingTool(Span span, @Nullable String callId, long endNanos) {

	}

	/** One AI service call between its started and its completed or error event. */
	private static final class Invocation {

		/** The context its tools and guardrails are recorded in (the agent's, when it opened one). */
		final Context context;

		/** Session and agent scopes, innermost last; closed on the thread that opened them. */
		final List<CascadeScope> scopes;

		final @Nullable Thread thread;

		final boolean streaming;

		/** The request sent and not yet answered, when Cascade may have to record it from the events. */
		volatile @Nullable IssuedRequest issued;

		final Map<String, String> toolDescriptions = new HashMap<>();

		volatile @Nullable Instant mark;

		/** Tools run since the last model request, ended by the next one. */
		final List<PendingTool> pendingTools = new java.util.concurrent.CopyOnWriteArrayList<>();

		Invocation(Context context, List<CascadeScope> scopes, @Nullable Thread thread, boolean streaming) {
			this.context = context;
			this.scopes = scopes;
			this.thread = thread;
			this.streaming = streaming;
		}

		@Nullable IssuedRequest takeIssued() {
			IssuedRequest taken = this.issued;
			this.issued = null;
			return taken;
		}

		/** Whether its events run on the caller's thread, where its context is current. */
		boolean onOwnThread() {
			return this.thread == Thread.currentThread();
		}

		/**
		 * End the tool spans waiting for the request that sends their results back; a result marked
		 * as an error fails its span.
		 */
		void endTools(List<ChatMessage> messages, ContentFormatter formatter) {
			if (this.pendingTools.isEmpty()) {
				return;
			}
			for (PendingTool tool : this.pendingTools) {
				this.pendingTools.remove(tool);
				ToolExecutionResultMessage result = resultOf(tool.callId(), messages);
				if (result != null && Boolean.TRUE.equals(result.isError())) {
					String text = formatter.truncate(nonNull(result.text()));
					tool.span().setAttribute(CascadeAttributes.TOOL_ERROR, text);
					tool.span().setStatus(StatusCode.ERROR, text);
				}
				else {
					tool.span().setStatus(StatusCode.OK);
				}
				tool.span().end(tool.endNanos(), TimeUnit.NANOSECONDS);
			}
		}

		private static @Nullable ToolExecutionResultMessage resultOf(@Nullable String callId, List<ChatMessage> messages) {
			if (callId == null) {
				return null;
			}
			for (int i = messages.size() - 1; i >= 0; i--) {
				if (messages.get(i) instanceof ToolExecutionResultMessage result && callId.equals(result.id())) {
					return result;
				}
			}
			return null;
		}

		void close(@Nullable Throwable error) {
			if (this.scopes.isEmpty() || this.thread != Thread.currentThread()) {
				return;
			}
			for (int i = this.scopes.size() - 1; i >= 0; i--) {
				CascadeScope scope = this.scopes.get(i);
				if (error != null) {
					scope.recordError(error);
				}
				scope.close();
			}
		}

	}

}
