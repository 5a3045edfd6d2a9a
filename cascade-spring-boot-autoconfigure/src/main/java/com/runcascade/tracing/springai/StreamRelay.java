package com.runcascade.tracing.springai;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Links one streamed model round trip, as the {@link CascadeChatClientAdvisor} sees it, to the LLM
 * span the observation handler starts for it. The advisor sees the chunks, which an observation
 * does not: it reports the first one (time to first token) and the completion, failure or
 * cancellation, and so ends the LLM span when the caller's stream does. Spring AI's observation
 * stops on the model's side of a thread hand-over: before the caller's first chunk for a short
 * stream, or only after the caller has had the last one. A model that runs the tool loop itself
 * (Spring AI 1.1) streams every round trip through one relay: it follows the latest LLM call.
 */
final class StreamRelay {

	static final ContextKey<StreamRelay> KEY = ContextKey.named("cascade-spring-ai-stream");

	private volatile SpringAiSpans.@Nullable ModelCall call;

	/** Where the round trip runs until its LLM span starts; set once, before the stream is subscribed. */
	private Context base = Context.root();

	/** The round trip's context with this relay in it. */
	Context bind(Context context) {
		this.base = context.with(KEY, this);
		return this.base;
	}

	/** The LLM span's context once it started, else the round trip's: HTTP calls nest under the former. */
	Context current() {
		SpringAiSpans.ModelCall current = this.call;
		return (current != null) ? current.context() : this.base;
	}

	void attach(SpringAiSpans.ModelCall call) {
		call.relayed();
		this.call = call;
	}

	/**
	 * Called for every chunk: reports the first one of each round trip, and hands each to the call,
	 * which keeps the reasoning apart (Spring AI's aggregated stream response mixes Anthropic thinking
	 * into the text and keeps only the last chunk's OpenAI-compatible reasoning).
	 */
	void chunk(@Nullable ChatResponse chunk) {
		SpringAiSpans.ModelCall current = this.call;
		if (current == null) {
			return;
		}
		// Once per call: a model that runs the tool loop itself streams every round trip through one relay.
		current.firstToken();
		if (chunk != null) {
			current.chunk(chunk);
		}
	}

	void complete() {
		SpringAiSpans.ModelCall current = this.call;
		if (current != null) {
			current.end(null);
		}
	}

	void cancel() {
		SpringAiSpans.ModelCall current = this.call;
		if (current != null) {
			current.cancel();
		}
	}

	void fail(Throwable error) {
		SpringAiSpans.ModelCall current = this.call;
		if (current != null) {
			current.end(error);
		}
	}

}
