package com.runcascade.tracing.web;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

import com.runcascade.tracing.support.CascadeContext;

/**
 * The reactive counterpart of {@link SessionSamplingFilter}: for a request with a valid session
 * header, the marked context that makes the sampler record the request whole is current while the
 * exchange is assembled and subscribed to. A {@code WebFilter} would come too late: Spring starts
 * the server observation (and with it the server span) in the {@code HttpHandler} that runs the
 * filters, when the server subscribes to it. This handler wraps that one (Spring applies every
 * {@code HttpHandlerDecoratorFactory} bean around it), so the server span takes the marked context
 * as its parent context and is sampled in, and everything below it with it. The header it read
 * reaches the session filter in the Reactor context of the exchange ({@link SessionHeader}), so
 * the header is read once; the session filter reports an invalid id.
 */
final class SessionSamplingHttpHandler implements HttpHandler {

	private final HttpHandler delegate;

	private final String header;

	SessionSamplingHttpHandler(HttpHandler delegate, String header) {
		this.delegate = delegate;
		this.header = header;
	}

	@Override
	public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		SessionHeader session = SessionHeader.of(request.getHeaders().getFirst(this.header));
		if (session.id() == null) {
			return handOn(this.delegate.handle(request, response), session);
		}
		Context marked = CascadeContext.recordWhole(Context.current());
		Mono<Void> handled;
		try (Scope scope = marked.makeCurrent()) {
			handled = this.delegate.handle(request, response);
		}
		return handOn(new MarkedSubscription(handled, marked), session);
	}

	/** The session filter runs inside the exchange and finds the header there, read once. */
	private static Mono<Void> handOn(Mono<Void> handled, SessionHeader session) {
		return handled.contextWrite((context) -> context.put(SessionHeader.KEY, session));
	}

	/**
	 * Makes the marked context current on the subscribing thread (the server's event loop) for the
	 * duration of the subscription only, so it never stays on a thread the server reuses.
	 */
	private static final class MarkedSubscription extends MonoOperator<Void, Void> {

		private final Context marked;

		MarkedSubscription(Mono<Void> source, Context marked) {
			super(source);
			this.marked = marked;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			try (Scope scope = this.marked.makeCurrent()) {
				this.source.subscribe(actual);
			}
		}

	}

}
