package com.runcascade.tracing.web;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.support.CascadeContext;
import com.runcascade.tracing.micrometer.ObservationBridge;

/**
 * The session filter of reactive web applications: the same contract as
 * {@link CascadeSessionFilter}. The session becomes part of the OpenTelemetry context of the
 * exchange, which reaches the handler through the Reactor context: an observation that carries it
 * ({@link ObservationBridge}) replaces the server observation there, so Reactor's automatic context
 * propagation makes the context current wherever the exchange's work runs, and observations started
 * by the handler (Spring AI, WebClient) take the server span as their parent through it.
 */
final class CascadeReactiveSessionFilter implements WebFilter, Ordered {

	private final CascadeTracer tracer;

	private final SessionResolver sessions;

	CascadeReactiveSessionFilter(CascadeTracer tracer, SessionSettings settings) {
		this.tracer = tracer;
		this.sessions = new SessionResolver(settings);
	}

	@Override
	public int getOrder() {
		return CascadeWebAutoConfiguration.FILTER_ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.deferContextual((reactorContext) -> {
			HttpHeaders headers = exchange.getRequest().getHeaders();
			String sessionId = this.sessions.resolve(sessionHeader(reactorContext, headers), baggage(headers));
			if (sessionId == null) {
				return chain.filter(exchange);
			}
			exchange.getResponse().getHeaders().set(this.sessions.header(), sessionId);
			boolean end = this.sessions.endRequested(headers.getFirst(this.sessions.endHeader()));
			Context session;
			Observation carrier;
			try {
				session = CascadeContext.withSession(
						exchangeContext(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null)), sessionId);
				tagServerSpan(session, sessionId);
				carrier = ObservationBridge.observationOf(session);
			}
			catch (RuntimeException ex) {
				// Tracing never breaks the exchange: it proceeds without the session.
				return chain.filter(exchange);
			}
			Mono<Void> handled = chain.filter(exchange)
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, carrier));
			return end ? handled.doFinally((signal) -> endSession(session, sessionId)) : handled;
		});
	}

	/** As the sampling handler read it, or read here when that handler did not run. */
	private SessionHeader sessionHeader(ContextView reactorContext, HttpHeaders headers) {
		Object read = reactorContext.getOrDefault(SessionHeader.KEY, null);
		return (read instanceof SessionHeader header) ? header
				: SessionHeader.of(headers.getFirst(this.sessions.header()));
	}

	/**
	 * The OpenTelemetry context of the server observation (its span current), or the current one
	 * when there is no server observation.
	 */
	private static Context exchangeContext(@Nullable Object serverObservation) {
		if (!(serverObservation instanceof Observation observation)) {
			return Context.current();
		}
		try (Observation.Scope scope = ObservationBridge.open(observation)) {
			return Context.current();
		}
	}

	/** After the exchange completes, in the exchange's context, whatever thread completes it. */
	private void endSession(Context session, String sessionId) {
		try (Scope scope = session.makeCurrent()) {
			this.tracer.endSession(sessionId);
		}
		catch (RuntimeException ex) {
			// endSession logs its own failures; nothing may reach the exchange from here.
		}
	}

	/** The server span started before this filter ran, so the span processor could not tag it. */
	private static void tagServerSpan(Context context, String sessionId) {
		Span server = Span.fromContext(context);
		if (server.isRecording()) {
			CascadeAttributes.setSession(server, sessionId);
		}
	}

	private static @Nullable String baggage(HttpHeaders headers) {
		List<String> values = headers.get(SessionBaggage.HEADER);
		if (values == null || values.isEmpty()) {
			return null;
		}
		return (values.size() == 1) ? values.get(0) : String.join(",", values);
	}

}
