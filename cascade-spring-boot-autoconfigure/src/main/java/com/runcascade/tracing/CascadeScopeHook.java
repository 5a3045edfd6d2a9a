package com.runcascade.tracing;

import org.jspecify.annotations.Nullable;

/**
 * Lets another tracing facade see a Cascade scope as current while it is open. Spring AI and
 * Spring MVC trace through Micrometer Observations, whose parent is the current observation, not
 * the current OpenTelemetry span; the Micrometer hook hides the enclosing observation while a
 * Cascade run, agent or LLM call is current, so their spans nest under Cascade's.
 */
@FunctionalInterface
public interface CascadeScopeHook {

	/** Does nothing. */
	CascadeScopeHook NONE = () -> null;

	/**
	 * Called right after a Cascade context is made current on this thread.
	 * @return what undoes it, run on the same thread just before the context is restored, or
	 * {@code null} when there is nothing to undo
	 */
	@Nullable Runnable enter();

}
