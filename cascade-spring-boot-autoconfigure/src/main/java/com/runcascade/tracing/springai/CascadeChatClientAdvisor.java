package com.runcascade.tracing.springai;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.core.Ordered;

import com.runcascade.tracing.micrometer.ObservationBridge;

/**
 * The ChatClient-level part of Cascade's Spring AI capture. The LLM and tool spans themselves are
 * recorded at the model and tool boundary from Spring AI's observations, so they show the request
 * as it went to the model, after every advisor. This advisor adds what only the ChatClient knows:
 * <ul>
 * <li>a ChatClient conversation ({@code ChatMemory.CONVERSATION_ID}) becomes the Cascade session
 * of its spans when no session is set;</li>
 * <li>for a streamed response it reports the first chunk (time to first token) and the end of
 * each model round trip, so the LLM span ends when its stream does.</li>
 * </ul>
 *
 * <p>
 * It is ordered after Spring AI's {@code ToolCallingAdvisor} ({@link #DEFAULT_ORDER}), inside the
 * tool calling loop, so it sees each model round trip. Spring Boot applications get it on every
 * {@code ChatClient} built from the auto-configured {@code ChatClient.Builder}; elsewhere add it
 * with {@code builder.defaultAdvisors(new CascadeChatClientAdvisor())}.
 */
public final class CascadeChatClientAdvisor implements CallAdvisor, StreamAdvisor {

	/**
	 * Default order: after Spring AI's {@code ToolCallingAdvisor} and the memory and retrieval
	 * advisors, and before the advisor that calls the model (at {@link Ordered#LOWEST_PRECEDENCE}).
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private static final Log logger = LogFactory.getLog(CascadeChatClientAdvisor.class);

	private final int order;

	private final AtomicBoolean orderChecked = new AtomicBoolean();

	/** Create the advisor at {@link #DEFAULT_ORDER}. */
	public CascadeChatClientAdvisor() {
		this(DEFAULT_ORDER);
	}

	/**
	 * Create the advisor at a given order. Keep it higher than the tool calling advisor's order so
	 * that it sees each model round trip of a streamed tool loop.
	 * @param order the advisor order
	 */
	public CascadeChatClientAdvisor(int order) {
		this.order = order;
	}

	@Override
	public String getName() {
		return "CascadeChatClientAdvisor";
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		checkOrder(chain.getCallAdvisors());
		Context context = withConversationSession(Context.current(), request);
		if (context == null) {
			return chain.nextCall(request);
		}
		try (Scope ignored = context.makeCurrent(); Observation.Scope bridge = ObservationBridge.open(context)) {
			return chain.nextCall(request);
		}
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((reactorContext) -> {
			checkOrder(chain.getStreamAdvisors());
			// Spring AI passes the current observation down a stream in the Reactor context, not the thread.
			Observation enclosing = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			Context parent = ObservationBridge.contextOf(enclosing);
			if (parent == null) {
				parent = Context.current();
			}
			Context withSession = withConversationSession(parent, request);
			StreamRelay relay = new StreamRelay();
			relay.bind((withSession != null) ? withSession : parent);
			Observation carrier = ObservationBridge.observationOf(relay::current);
			if (enclosing != null) {
				carrier.parentObservation(enclosing);
			}
			Flux<ChatClientResponse> upstream = Flux.from((subscriber) -> {
				// The model's HTTP call is made while the stream is subscribed, on this thread or handed
				// on from it with the current observation: make that the carrier.
				try (Observation.Scope scope = ObservationBridge.open(carrier)) {
					chain.nextStream(request)
						.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, carrier))
						.subscribe(subscriber);
				}
			});
			return upstream.doOnNext((response) -> relay.chunk(response.chatResponse()))
				.doOnComplete(relay::complete)
				.doOnError(relay::fail)
				.doOnCancel(relay::cancel);
		});
	}

	/**
	 * The context with the ChatClient's conversation as session, when the request has one and no
	 * session is set; {@code null} when there is nothing to add.
	 */
	private static @Nullable Context withConversationSession(Context context, ChatClientRequest request) {
		Context withSession = SpringAiSpans.withConversationSession(context, request);
		return (withSession == context) ? null : withSession;
	}

	/** Warns once when a tool calling advisor runs inside this one: it would see one round trip only. */
	private void checkOrder(List<? extends Advisor> advisors) {
		if (this.orderChecked.get()) {
			return;
		}
		try {
			int self = advisors.indexOf(this);
			if (self < 0) {
				return;
			}
			this.orderChecked.set(true);
			for (Advisor advisor : advisors.subList(self + 1, advisors.size())) {
				if (SpringAiLine.isToolCallingAdvisor(advisor)) {
					logger.warn("Cascade's ChatClient advisor (order " + this.order + ") runs outside "
							+ advisor.getName() + " (order " + advisor.getOrder() + "), so in a streamed tool loop it "
							+ "cannot time each model round trip; give it a higher order than the tool advisor");
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not check the advisor order", ex);
		}
	}

}
