package com.runcascade.tracing.springai;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.observation.ChatModelObservationContext;

import com.runcascade.tracing.llm.LlmCall;
import com.runcascade.tracing.llm.LlmTracing;

/**
 * Notices Spring AI's own {@code chat} observation starting inside a Cascade LLM call. When that
 * observation is traced, its span carries {@code gen_ai.usage.*} too, so the Cascade span leaves
 * those attributes out and tools that sum them count the tokens once.
 *
 * <p>
 * A span processor cannot tell: Micrometer Tracing starts the span without a name or attributes
 * and adds them only when the observation stops, which for a stream may be after the Cascade span
 * has ended.
 */
final class SpringAiChatObservationHandler implements ObservationHandler<ChatModelObservationContext> {

	static final String REPORTER = "spring-ai";

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		flagEnclosingCall(context);
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		// In case this handler ran before the tracing handler on start.
		flagEnclosingCall(context);
	}

	private static void flagEnclosingCall(ChatModelObservationContext context) {
		LlmCall call = enclosingCall(context);
		if (call != null && isTraced(context)) {
			call.markUsageReportedElsewhere(REPORTER);
		}
	}

	/**
	 * The Cascade call this observation runs in: the one the advisor put among its parent
	 * observations, or else the one current on this thread.
	 */
	static @Nullable LlmCall enclosingCall(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		while (parent != null) {
			if (parent.getContextView() instanceof LlmContextObservation.LlmContext llmContext) {
				return LlmTracing.current(llmContext.otelContext());
			}
			parent = parent.getContextView().getParentObservation();
		}
		return LlmTracing.current(Context.current());
	}

	private static boolean isTraced(Observation.Context context) {
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		return tracing != null && tracing.getSpan() != null;
	}

}
