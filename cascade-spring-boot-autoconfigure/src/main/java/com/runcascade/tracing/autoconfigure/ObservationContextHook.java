package com.runcascade.tracing.autoconfigure;

import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;

import com.runcascade.tracing.CascadeScopeHook;
import com.runcascade.tracing.support.ObservationBridge;

/**
 * Makes each Cascade context the current Micrometer observation while it is current (see
 * {@link ObservationBridge}), so observations started inside a run, agent, tool or LLM call
 * nest under it even within an enclosing observation such as an HTTP server request.
 */
final class ObservationContextHook implements CascadeScopeHook {

	@Override
	public Runnable enter(Context context) {
		Observation.Scope scope = ObservationBridge.open(context);
		return scope::close;
	}

}
