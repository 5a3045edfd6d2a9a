package com.runcascade.tracing.support;

import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * Lets another tracing facade see a Cascade scope as current while it is open. Spring AI and
 * Spring MVC clients find their parent through the current Micrometer observation, not the
 * current OpenTelemetry span; within an enclosing observation (an HTTP request, say) the Micrometer
 * hook makes an observation that carries the Cascade context current, so their spans nest under
 * Cascade's, also on the threads Reactor hops to. Internal plumbing between the auto-configuration
 * and the engine: public only because they live in different packages.
 */
@FunctionalInterface
public interface CascadeScopeHook {

	/** Does nothing. */
	CascadeScopeHook NONE = (context) -> null;

	/**
	 * Called right after a Cascade context is made current on this thread.
	 * @param context the context that was made current
	 * @return what undoes it, run on the same thread just before the context is restored, or
	 * {@code null} when there is nothing to undo
	 */
	@Nullable Runnable enter(Context context);

}
