package com.runcascade.tracing.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.support.UsageRollup;

/**
 * Binds {@link Cascade}'s static methods to the application's {@link CascadeTracer} bean, whatever
 * its class, when the context starts, and unbinds it when the context stops or closes. The first
 * lifecycle to start and the last to stop, so the facade works from before the web server takes
 * requests until after graceful shutdown has drained them.
 */
final class CascadeFacadeBinding implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(CascadeFacadeBinding.class);

	private final ObjectProvider<CascadeTracer> tracers;

	private volatile @Nullable CascadeTracer bound;

	CascadeFacadeBinding(ObjectProvider<CascadeTracer> tracers) {
		this.tracers = tracers;
	}

	@Override
	public void start() {
		// Each application start may warn again about LLM calls and agents outside a run.
		UsageRollup.rearmHint();
		CascadeTracer tracer = this.tracers.getIfUnique();
		if (tracer == null) {
			logger.warn("Cascade found no single CascadeTracer bean (several and none @Primary); the static Cascade "
					+ "methods are not bound to this application (injected tracers are unaffected)");
			return;
		}
		Cascade.bind(tracer);
		this.bound = tracer;
	}

	@Override
	public void stop() {
		CascadeTracer tracer = this.bound;
		if (tracer != null) {
			this.bound = null;
			Cascade.unbind(tracer);
		}
	}

	/** Also when the context destroys its beans without stopping them (a refresh failing on older Spring versions). */
	@Override
	public void destroy() {
		stop();
	}

	@Override
	public boolean isRunning() {
		return this.bound != null;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

}
