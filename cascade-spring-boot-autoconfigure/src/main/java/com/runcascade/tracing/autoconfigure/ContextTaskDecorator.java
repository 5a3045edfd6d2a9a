package com.runcascade.tracing.autoconfigure;

import io.opentelemetry.context.Context;

import org.springframework.core.task.TaskDecorator;

/** Runs each task in the OpenTelemetry context (span, agent, session) of the thread that submitted it. */
final class ContextTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		return Context.current().wrap(runnable);
	}

}
