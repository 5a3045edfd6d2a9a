package com.runcascade.tracing.springai;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.beans.factory.ObjectProvider;

import com.runcascade.tracing.llm.LlmCall;

/**
 * Counts tokens once on the {@code MeterRegistry}. Spring AI's {@link ChatModelMeterObservationHandler}
 * adds each chat model request's tokens to {@code gen_ai.client.token.usage}, the name Cascade's own
 * meter uses; when that handler is registered, this one tells the Cascade LLM call the request runs
 * in that its tokens are metered already, so Cascade's metrics skip them (cost and duration stay).
 *
 * <p>
 * It keys on the request being observed by Spring AI, not on how Cascade records the call, so it holds
 * whichever layer (advisor or observation handler) starts the Cascade call, as long as that call is
 * current or an ancestor of Spring AI's {@code chat} observation when it starts.
 */
final class SpringAiTokenMeteringHandler implements ObservationHandler<ChatModelObservationContext> {

	static final String REPORTER = SpringAiChatObservationHandler.REPORTER;

	private final ObjectProvider<ChatModelMeterObservationHandler> springAiMeters;

	/** Resolved on first use: beans are all defined by then, and it never changes afterwards. */
	private volatile @Nullable Boolean springAiMetersTokens;

	SpringAiTokenMeteringHandler(ObjectProvider<ChatModelMeterObservationHandler> springAiMeters) {
		this.springAiMeters = springAiMeters;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		if (!springAiMetersTokens()) {
			return;
		}
		LlmCall call = SpringAiChatObservationHandler.enclosingCall(context);
		if (call != null) {
			call.markUsageMeteredElsewhere(REPORTER);
		}
	}

	private boolean springAiMetersTokens() {
		Boolean meters = this.springAiMetersTokens;
		if (meters == null) {
			meters = this.springAiMeters.stream().findAny().isPresent();
			this.springAiMetersTokens = meters;
		}
		return meters;
	}

}
