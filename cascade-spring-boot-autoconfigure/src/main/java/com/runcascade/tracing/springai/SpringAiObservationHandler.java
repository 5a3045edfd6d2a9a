package com.runcascade.tracing.springai;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

import com.runcascade.tracing.micrometer.ObservationBridge;
import com.runcascade.tracing.support.SpanErrors;

/**
 * Records Spring AI's work at its own boundary, from the observations Spring AI makes for it: each
 * chat model request becomes one Cascade LLM span with the prompt as it went to the model, and each
 * tool execution one Cascade tool span, whatever the model, however the tool is defined and
 * whoever runs it (see {@link SpringAiSpans}).
 *
 * <p>
 * It stands in for Micrometer's tracing handler for Spring AI's observations: ordered before the
 * other tracing handlers, which Spring Boot composes so that the first one supporting an
 * observation handles it, it handles the ChatClient call, advisor, chat model and tool calling
 * observations itself. Their own spans are therefore not exported, unless framework spans are
 * asked for, while Spring AI's meter handlers run as before. Every observation it handles carries
 * the OpenTelemetry context its children belong to (see {@link ObservationBridge}), so a streamed
 * tool loop stays in the run's trace on whichever thread Reactor runs it.
 *
 * <p>
 * <b>Invariant:</b> every observation this handler takes ({@link #supportsContext} true) gets a
 * {@link TracingContext} in {@link #onStart}, before anything that could fail, even when it gets no
 * span (a pass-through layer, an orphaned SDK call, a failure to follow it). Boot adds Micrometer's
 * {@code TracingAwareMeterObservationHandler} whenever a {@code MeterRegistry} and a tracer exist,
 * and its {@code onStop} requires that context on every observation: without it the traced call
 * fails.
 */
final class SpringAiObservationHandler implements TracingObservationHandler<Observation.Context>, Ordered {

	/** Before Spring Boot's tracing handlers (the first of which is ordered at 1000). */
	static final int ORDER = 500;

	private static final Log logger = LogFactory.getLog(SpringAiObservationHandler.class);

	private static final boolean clientChatPresent = ClassUtils.isPresent(
			"org.springframework.ai.chat.client.observation.ChatClientObservationContext",
			SpringAiObservationHandler.class.getClassLoader());

	private static final boolean okHttpInstrumentationPresent = ClassUtils.isPresent(
			"io.micrometer.core.instrument.binder.okhttp3.OkHttpContext", SpringAiObservationHandler.class.getClassLoader())
			&& ClassUtils.isPresent("okhttp3.Request", SpringAiObservationHandler.class.getClassLoader());

	private final SpringAiSpans spans;

	private final Tracer tracer;

	private final ObservationHandler<Observation.Context> scopes = ObservationBridge.scopeHandler();

	/** Makes Spring AI's own spans when they are asked for; {@code null} otherwise. */
	private final @Nullable DefaultTracingObservationHandler frameworkSpans;

	SpringAiObservationHandler(SpringAiSpans spans, Tracer tracer, boolean frameworkSpans) {
		this.spans = spans;
		this.tracer = tracer;
		this.frameworkSpans = frameworkSpans ? new DefaultTracingObservationHandler(tracer) : null;
	}

	/** The span factory, shared with {@link TracedToolCallback}. */
	SpringAiSpans spans() {
		return this.spans;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Tracer getTracer() {
		return this.tracer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		if (context instanceof ChatModelObservationContext || context instanceof ToolCallingObservationContext) {
			return true;
		}
		// With framework spans on, Micrometer's own handler gets the ChatClient and advisor layers.
		if (this.frameworkSpans == null && clientChatPresent && isChatClientLayer(context)) {
			return true;
		}
		// Taken, and given no span: it would be a trace of its own (see OrphanedSdkCalls).
		return okHttpInstrumentationPresent && OrphanedSdkCalls.isOrphanedSdkCall(context);
	}

	private static boolean isChatClientLayer(Observation.Context context) {
		return context instanceof ChatClientObservationContext || context instanceof AdvisorObservationContext;
	}

	@Override
	public void onStart(Observation.Context context) {
		// First, and outside the try: Boot's meter handler needs it whatever happens next.
		TracingContext tracing = getTracingContext(context);
		try {
			Context parent = parentContext(context);
			if (SpringAiLine.MODEL_RUNS_TOOL_LOOP && (context instanceof ChatModelObservationContext
					|| context instanceof ToolCallingObservationContext)) {
				parent = SpringAiSpans.outsideStreamedRound(parent);
			}
			io.micrometer.tracing.Span frameworkSpan = startFrameworkSpan(context);
			if (frameworkSpan != null) {
				parent = parent.with(OtelSpan.toOtel(frameworkSpan));
			}
			Handled handled;
			if (context instanceof ChatModelObservationContext model) {
				handled = new Handled(this.spans.startLlmCall(model, parent, frameworkSpan != null), frameworkSpan);
			}
			else if (context instanceof ToolCallingObservationContext tool) {
				handled = new Handled(this.spans.startTool(tool, parent), frameworkSpan);
			}
			else if (context instanceof ChatClientObservationContext client) {
				handled = new Handled(this.spans.startChatClientCall(client.getRequest(), parent), frameworkSpan);
			}
			else {
				handled = new Handled(SpringAiSpans.Started.passThrough(parent), frameworkSpan);
			}
			context.put(Handled.class, handled);
			// Children find their Cascade context here, and Micrometer's handler their parent span.
			Context current = handled.started.context();
			context.put(Context.class, current);
			Span span = Span.fromContext(current);
			if (span.getSpanContext().isValid()) {
				// With its context: Micrometer parents a child on the wrapper's context, not on the span.
				tracing.setSpan(OtelSpan.fromOtel(span, current));
			}
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			logger.debug("Cascade could not follow a Spring AI observation", ex);
		}
	}

	@Override
	public void onStop(Observation.Context context) {
		Handled handled = context.get(Handled.class);
		if (handled == null) {
			return;
		}
		try {
			handled.started.stopped(context.getError());
		}
		finally {
			stopFrameworkSpan(context, handled.frameworkSpan);
		}
	}

	@Override
	public void onError(Observation.Context context) {
		// Read from the context when the observation stops.
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		this.scopes.onScopeOpened(context);
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		this.scopes.onScopeClosed(context);
	}

	@Override
	public void onScopeReset(Observation.Context context) {
		this.scopes.onScopeReset(context);
	}

	/**
	 * The context an observation's span belongs in: the Cascade context its nearest Cascade-aware
	 * ancestor carries, below the span of any other observation in between; else the current one.
	 */
	static Context parentContext(Observation.Context context) {
		io.micrometer.tracing.Span nearestSpan = null;
		ObservationView ancestor = context.getParentObservation();
		for (int depth = 0; ancestor != null && depth < 64; depth++) {
			Observation.ContextView view = ancestor.getContextView();
			Context carried = ObservationBridge.carried(view);
			if (carried != null) {
				return (nearestSpan != null) ? carried.with(OtelSpan.toOtel(nearestSpan)) : carried;
			}
			if (nearestSpan == null) {
				TracingContext tracing = view.get(TracingContext.class);
				nearestSpan = (tracing != null) ? tracing.getSpan() : null;
			}
			ancestor = view.getParentObservation();
		}
		Context current = Context.current();
		if (nearestSpan == null || Span.fromContext(current).getSpanContext().isValid()) {
			return current;
		}
		return current.with(OtelSpan.toOtel(nearestSpan));
	}

	private io.micrometer.tracing.@Nullable Span startFrameworkSpan(Observation.Context context) {
		if (this.frameworkSpans == null) {
			return null;
		}
		this.frameworkSpans.onStart(context);
		return getTracingContext(context).getSpan();
	}

	private void stopFrameworkSpan(Observation.Context context, io.micrometer.tracing.@Nullable Span frameworkSpan) {
		if (this.frameworkSpans == null || frameworkSpan == null) {
			return;
		}
		try {
			getTracingContext(context).setSpan(frameworkSpan);
			if (context.getError() != null) {
				frameworkSpan.error(context.getError());
			}
			this.frameworkSpans.onStop(context);
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			logger.debug("Cascade could not end a Spring AI span", ex);
		}
	}

	/** What the handler keeps in each observation it handles. */
	private record Handled(SpringAiSpans.Started started, io.micrometer.tracing.@Nullable Span frameworkSpan) {
	}

}
