package com.runcascade.tracing.springai;

import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

import com.runcascade.tracing.micrometer.ObservationBridge;
import com.runcascade.tracing.support.SpanErrors;

/**
 * A tool callback that records its own tool span when nobody observes the call: a
 * {@code ToolCallingManager} built without an observation registry (as
 * {@code ToolCallingAdvisor.builder().build()} builds one) runs tools with no observation, so
 * {@link SpringAiObservationHandler} never sees them. When the manager does observe the call, its
 * tool calling observation is current here and the handler records it; this wrapper then only
 * delegates, so a tool call is one span either way.
 */
final class TracedToolCallback implements ToolCallback {

	private static final Log logger = LogFactory.getLog(TracedToolCallback.class);

	private final ToolCallback delegate;

	private final SpringAiSpans spans;

	TracedToolCallback(ToolCallback delegate, SpringAiSpans spans) {
		this.delegate = delegate;
		this.spans = spans;
	}

	ToolCallback delegate() {
		return this.delegate;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.delegate.getToolDefinition();
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return this.delegate.getToolMetadata();
	}

	@Override
	public String call(String toolInput) {
		return call(toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		Observation current = ObservationBridge.currentObservation();
		if (current != null && current.getContextView() instanceof ToolCallingObservationContext) {
			// Observed by the manager: the observation handler records this call.
			return invoke(toolInput, toolContext);
		}
		ToolCallingObservationContext call;
		SpringAiSpans.Started started;
		try {
			call = ToolCallingObservationContext.builder()
				.toolDefinition(getToolDefinition())
				.toolMetadata(getToolMetadata())
				.toolCallArguments(toolInput)
				.build();
			Context parent = ObservationBridge.contextOf(current);
			if (parent == null) {
				parent = Context.current();
			}
			if (SpringAiLine.MODEL_RUNS_TOOL_LOOP) {
				parent = SpringAiSpans.outsideStreamedRound(parent);
			}
			started = this.spans.startTool(call, parent);
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			logger.debug("Cascade could not trace a tool call", ex);
			return invoke(toolInput, toolContext);
		}
		Throwable failure = null;
		try (Scope scope = started.context().makeCurrent();
				Observation.Scope bridge = ObservationBridge.open(started.context())) {
			String result = invoke(toolInput, toolContext);
			call.setToolCallResult(result);
			return result;
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			started.stopped(failure);
		}
	}

	private String invoke(String toolInput, @Nullable ToolContext toolContext) {
		return (toolContext != null) ? this.delegate.call(toolInput, toolContext) : this.delegate.call(toolInput);
	}

	@Override
	public String toString() {
		return "TracedToolCallback[" + this.delegate + "]";
	}

}
