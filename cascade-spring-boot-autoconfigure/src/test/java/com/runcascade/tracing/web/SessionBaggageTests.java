package com.runcascade.tracing.web;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

import com.runcascade.tracing.support.CascadeContext;

import static org.assertj.core.api.Assertions.assertThat;

class SessionBaggageTests {

	private final SessionBaggage.Propagator propagator = new SessionBaggage.Propagator(
			W3CBaggagePropagator.getInstance());

	@Test
	void theCurrentSessionIsWrittenAsTheOnlyCascadeBaggageEntry() {
		Context context = Baggage.builder().put("tenant", "acme").build()
			.storeInContext(CascadeContext.withSession(Context.root(), "chat-7"));
		assertThat(inject(context)).containsOnlyKeys("baggage");
		assertThat(inject(context).get("baggage").split(",")).containsExactlyInAnyOrder("tenant=acme",
				"cascade.session_id=chat-7");
	}

	@Test
	void nothingIsAddedWithoutASessionOrForAnIdOtherServicesWouldRefuse() {
		assertThat(inject(Context.root())).isEmpty();
		assertThat(inject(CascadeContext.withSession(Context.root(), "has spaces"))).isEmpty();
		assertThat(inject(CascadeContext.withSession(Context.root(), "x".repeat(129)))).isEmpty();
	}

	@Test
	void theSessionIdIsReadBackFromABaggageHeader() {
		assertThat(SessionBaggage.sessionId("tenant=acme, cascade.session_id=chat-7;prop=1")).isEqualTo("chat-7");
		assertThat(SessionBaggage.sessionId("tenant=acme")).isNull();
		assertThat(SessionBaggage.sessionId("=,;;==")).isNull();
		String id = SessionBaggage.sessionId(inject(CascadeContext.withSession(Context.root(), "a:b_c.d-e")).get("baggage"));
		assertThat(id).isEqualTo("a:b_c.d-e");
	}

	private Map<String, String> inject(Context context) {
		Map<String, String> headers = new HashMap<>();
		this.propagator.inject(context, headers, Map::put);
		return headers;
	}

}
