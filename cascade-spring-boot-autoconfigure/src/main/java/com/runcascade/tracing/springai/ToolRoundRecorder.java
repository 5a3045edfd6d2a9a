package com.runcascade.tracing.springai;

import java.util.List;

import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;

import com.runcascade.tracing.micrometer.ObservationBridge;
import com.runcascade.tracing.support.SpanErrors;

/**
 * Ends a streamed model round trip's LLM span with the response that asks for tools, when a chat
 * model runs the tool loop itself (Spring AI 1.1). The tool calling manager is the one place that
 * response shows: the model hands it over here instead of streaming it, and the round trip's
 * observation stays open until the whole stream ends, so without it the span would have neither
 * the tool calls nor the round trip's usage.
 */
final class ToolRoundRecorder implements ToolCallingManager {

	private static final Log logger = LogFactory.getLog(ToolRoundRecorder.class);

	private final ToolCallingManager delegate;

	ToolRoundRecorder(ToolCallingManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
		return this.delegate.resolveToolDefinitions(chatOptions);
	}

	@Override
	public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
		try {
			Observation round = SpringAiLine.toolLoopObservation();
			Context context = (round != null) ? ObservationBridge.carried(round.getContextView()) : null;
			SpringAiSpans.ModelCall call = (context != null) ? context.get(SpringAiSpans.ModelCall.ROUND) : null;
			if (call != null) {
				call.roundOver(chatResponse);
			}
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			logger.debug("Cascade could not end a streamed round trip", ex);
		}
		return this.delegate.executeToolCalls(prompt, chatResponse);
	}

}
