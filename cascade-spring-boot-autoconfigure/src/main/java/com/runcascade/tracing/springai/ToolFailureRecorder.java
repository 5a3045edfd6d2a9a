package com.runcascade.tracing.springai;

import io.opentelemetry.context.Context;

import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;

/**
 * Notes a tool's exception on its Cascade tool span before Spring AI's exception processor turns
 * it into a result for the model (its default) or rethrows it. The tool call then shows as failed,
 * with {@code tool.error}, while the model still gets what Spring AI gives it.
 */
final class ToolFailureRecorder implements ToolExecutionExceptionProcessor {

	private final ToolExecutionExceptionProcessor delegate;

	ToolFailureRecorder(ToolExecutionExceptionProcessor delegate) {
		this.delegate = delegate;
	}

	@Override
	public String process(ToolExecutionException exception) {
		SpringAiSpans.ToolFailure failure = Context.current().get(SpringAiSpans.ToolFailure.KEY);
		if (failure != null) {
			failure.error = (exception.getCause() != null) ? exception.getCause() : exception;
		}
		return this.delegate.process(exception);
	}

}
