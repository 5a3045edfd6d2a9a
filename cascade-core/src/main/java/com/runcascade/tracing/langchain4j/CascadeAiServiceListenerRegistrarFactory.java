package com.runcascade.tracing.langchain4j;

import java.util.function.BiConsumer;

import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.DefaultAiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.event.InputGuardrailExecutedEvent;
import dev.langchain4j.observability.api.event.OutputGuardrailExecutedEvent;
import dev.langchain4j.observability.api.event.ToolExecutedEvent;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.spi.observability.AiServiceListenerRegistrarFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every LangChain4j AI service a listener registrar with Cascade's listeners in it: LangChain4j
 * looks this factory up with {@code ServiceLoader} when it builds an AI service. The registrar is
 * LangChain4j's own; the application registers its listeners on it as usual. While no Cascade engine
 * is bound ({@link LangChain4jTracing}), the listeners do nothing. Internal: public for
 * {@code ServiceLoader}.
 */
public final class CascadeAiServiceListenerRegistrarFactory implements AiServiceListenerRegistrarFactory {

	private static final Logger logger = LoggerFactory.getLogger(CascadeAiServiceListenerRegistrarFactory.class);

	@Override
	public AiServiceListenerRegistrar get() {
		DefaultAiServiceListenerRegistrar registrar = new DefaultAiServiceListenerRegistrar();
		registrar.register(new Forwarder<>(AiServiceStartedEvent.class, AiServiceTracing::started));
		registrar.register(new Forwarder<>(AiServiceRequestIssuedEvent.class, AiServiceTracing::requestIssued));
		registrar.register(new Forwarder<>(AiServiceResponseReceivedEvent.class, AiServiceTracing::responseReceived));
		registrar.register(new Forwarder<>(ToolExecutedEvent.class, AiServiceTracing::toolExecuted));
		registrar.register(new Forwarder<>(InputGuardrailExecutedEvent.class, AiServiceTracing::guardrail));
		registrar.register(new Forwarder<>(OutputGuardrailExecutedEvent.class, AiServiceTracing::guardrail));
		registrar.register(new Forwarder<>(AiServiceCompletedEvent.class, AiServiceTracing::completed));
		registrar.register(new Forwarder<>(AiServiceErrorEvent.class, AiServiceTracing::failed));
		return registrar;
	}

	/** Hands one event type to the bound engine; never throws into LangChain4j. */
	private record Forwarder<T extends AiServiceEvent>(Class<T> type,
			BiConsumer<AiServiceTracing, T> action) implements AiServiceListener<T> {

		@Override
		public Class<T> getEventClass() {
			return this.type;
		}

		@Override
		public void onEvent(T event) {
			AiServiceTracing tracing = LangChain4jTracing.current();
			if (tracing == null) {
				return;
			}
			try {
				this.action.accept(tracing, event);
			}
			catch (RuntimeException ex) {
				logger.debug("Cascade could not record a LangChain4j " + this.type.getSimpleName(), ex);
			}
		}

	}


}
