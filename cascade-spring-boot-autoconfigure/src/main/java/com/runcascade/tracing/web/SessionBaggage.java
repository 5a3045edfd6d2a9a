package com.runcascade.tracing.web;

import java.util.Collection;
import java.util.Collections;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.support.CascadeContext;

/**
 * The session id as W3C baggage, so it travels with traced calls to other services. Outgoing: a
 * propagator wrapping the application's own (Boot's W3C trace context and baggage propagators) adds
 * the entry {@value #KEY} to the baggage it writes whenever a session is current. Incoming: the
 * session filters read the entry from the request's {@code baggage} header. Only the session id is
 * added; nothing else Cascade knows travels.
 */
final class SessionBaggage {

	/** The baggage key carrying the session id. */
	static final String KEY = "cascade.session_id";

	/** The W3C baggage request header. */
	static final String HEADER = "baggage";

	private SessionBaggage() {
	}

	/**
	 * The session id in the value of a {@code baggage} header.
	 * @param header the header value (several values joined by commas)
	 * @return the entry's value, or {@code null} when there is none or the header cannot be read
	 */
	static @Nullable String sessionId(String header) {
		try {
			Context extracted = W3CBaggagePropagator.getInstance().extract(Context.root(), header, HeaderGetter.INSTANCE);
			return Baggage.fromContext(extracted).getEntryValue(KEY);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A context whose baggage carries its current session id, if it has one that another service
	 * would accept.
	 * @param context the context to inject
	 * @return the context, with the session in its baggage when needed
	 */
	static Context withSession(Context context) {
		String sessionId = CascadeContext.sessionId(context);
		if (sessionId == null || SessionIds.problem(sessionId) != null) {
			return context;
		}
		Baggage baggage = Baggage.fromContext(context);
		if (sessionId.equals(baggage.getEntryValue(KEY))) {
			return context;
		}
		return baggage.toBuilder().put(KEY, sessionId).build().storeInContext(context);
	}

	/** Reads one header value as the carrier. */
	private enum HeaderGetter implements TextMapGetter<String> {

		INSTANCE;

		@Override
		public Iterable<String> keys(String carrier) {
			return Collections.singletonList(HEADER);
		}

		@Override
		public @Nullable String get(@Nullable String carrier, String key) {
			return HEADER.equals(key) ? carrier : null;
		}

	}

	/**
	 * Adds the session to the baggage every injection writes; extraction is left to the delegate.
	 */
	static final class Propagator implements TextMapPropagator {

		private final TextMapPropagator delegate;

		Propagator(TextMapPropagator delegate) {
			this.delegate = delegate;
		}

		TextMapPropagator delegate() {
			return this.delegate;
		}

		@Override
		public Collection<String> fields() {
			return this.delegate.fields();
		}

		@Override
		public <C> void inject(Context context, @Nullable C carrier, TextMapSetter<C> setter) {
			Context injected = context;
			try {
				injected = withSession(context);
			}
			catch (RuntimeException ex) {
				// Never let the session break the call: propagate what the application would have.
			}
			this.delegate.inject(injected, carrier, setter);
		}

		@Override
		public <C> Context extract(Context context, @Nullable C carrier, TextMapGetter<C> getter) {
			return this.delegate.extract(context, carrier, getter);
		}

		@Override
		public String toString() {
			return "CascadeSessionBaggage(" + this.delegate + ")";
		}

	}

}
