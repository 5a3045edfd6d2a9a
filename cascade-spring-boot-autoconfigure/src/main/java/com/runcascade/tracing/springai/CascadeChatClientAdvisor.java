package com.runcascade.tracing.springai;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.ToolAdvisor;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.Ordered;

import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmTracing;

/**
 * Records every model request a {@code ChatClient} makes as one Cascade LLM span, with the prompt,
 * completion, token usage and cost.
 *
 * <p>
 * In Spring AI 2.0 the {@link ToolCallingAdvisor} runs the tool calling loop: it calls the rest of
 * the advisor chain once per model round trip and executes the requested tools in between. This
 * advisor is ordered after it ({@link #DEFAULT_ORDER}), inside the loop, so a request with tool
 * calls is traced as LLM span, tool spans, LLM span, side by side under the current agent or run.
 * Ordered before the tool calling advisor, it would record one span around the whole loop.
 *
 * <p>
 * The LLM span is current while the rest of the chain runs, so an SDK client that Cascade also
 * wraps records no second span for the same request. Spring Boot applications get this advisor on
 * every {@code ChatClient} built from the auto-configured {@code ChatClient.Builder}; elsewhere add
 * it by hand with {@code builder.defaultAdvisors(new CascadeChatClientAdvisor(llmTracing))}.
 *
 * <p>
 * Streams are passed through chunk by chunk as they arrive; the span ends when the stream
 * completes, fails or is cancelled.
 */
public final class CascadeChatClientAdvisor implements CallAdvisor, StreamAdvisor {

	/**
	 * Default order: after Spring AI's {@link ToolCallingAdvisor} (at
	 * {@link ToolCallingAdvisor#DEFAULT_ORDER}) and the memory and retrieval advisors, so each model
	 * round trip gets its own span with the prompt as finally sent, and before the advisor that calls
	 * the model (at {@link Ordered#LOWEST_PRECEDENCE}).
	 */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private static final Log logger = LogFactory.getLog(CascadeChatClientAdvisor.class);

	private final LlmTracing tracing;

	private final int order;

	private final AtomicBoolean orderChecked = new AtomicBoolean();

	/**
	 * Create the advisor at {@link #DEFAULT_ORDER}.
	 * @param tracing the LLM span factory shared with the other Cascade integrations
	 */
	public CascadeChatClientAdvisor(LlmTracing tracing) {
		this(tracing, DEFAULT_ORDER);
	}

	/**
	 * Create the advisor at a given order. Keep it higher than the tool calling advisor's order to
	 * get one span per model round trip.
	 * @param tracing the LLM span factory shared with the other Cascade integrations
	 * @param order the advisor order
	 */
	public CascadeChatClientAdvisor(LlmTracing tracing, int order) {
		this.tracing = tracing;
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
		Started started = start(request.prompt(), false);
		if (started == null) {
			return chain.nextCall(request);
		}
		ChatClientResponse response;
		try (Scope ignored = started.call.makeCurrent();
				Observation.Scope below = LlmContextObservation.openScope(started.call.context())) {
			response = chain.nextCall(request);
		}
		catch (Throwable ex) {
			started.call.fail(ex, null);
			throw ex;
		}
		try {
			started.call.end(SpringAiConversions.response(response.chatResponse(), started.cacheIncludedInInput,
					started.captureContent));
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not read a Spring AI chat response", ex);
		}
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.defer(() -> {
			checkOrder(chain.getStreamAdvisors());
			Started started = start(request.prompt(), true);
			if (started == null) {
				return chain.nextStream(request);
			}
			ChatStreamRecorder recorder = new ChatStreamRecorder(started.call, started.cacheIncludedInInput,
					started.captureContent);
			Flux<ChatClientResponse> upstream = Flux.from((subscriber) -> {
				// The model is called when the stream is subscribed: do it with the LLM span current.
				Observation llmObservation = LlmContextObservation.of(started.call.context());
				try (Scope ignored = started.call.makeCurrent();
						Observation.Scope below = LlmContextObservation.openScope(llmObservation)) {
					chain.nextStream(request)
						.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, llmObservation))
						.subscribe(subscriber);
				}
				catch (Throwable ex) {
					Operators.error(subscriber, ex);
				}
			});
			return upstream.doOnNext(recorder::chunk)
				.doOnComplete(recorder::complete)
				.doOnError(recorder::fail)
				.doOnCancel(recorder::cancel);
		});
	}

	private @Nullable Started start(Prompt prompt, boolean streaming) {
		try {
			String provider = SpringAiConversions.provider(prompt.getOptions());
			boolean captureContent = this.tracing.capturesContent();
			LlmCall call = this.tracing.start(SpringAiConversions.request(prompt, provider, streaming, captureContent));
			return (call != null)
					? new Started(call, SpringAiConversions.cacheIncludedInInput(provider), captureContent) : null;
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not trace a Spring AI chat request; it runs untraced", ex);
			return null;
		}
	}

	/** Warns once when a tool calling advisor runs inside this one, so all round trips share a span. */
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
				if (advisor instanceof ToolAdvisor) {
					logger.warn("Cascade's ChatClient advisor (order " + this.order + ") runs outside "
							+ advisor.getName() + " (order " + advisor.getOrder() + "), so all model round trips "
							+ "of a tool calling loop share one LLM span; give it a higher order than the tool advisor");
					return;
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not check the advisor order", ex);
		}
	}

	private record Started(LlmCall call, boolean cacheIncludedInInput, boolean captureContent) {
	}

}
