package com.runcascade.tracing.sdk;

import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;

/**
 * The clients of one SDK: which objects they are, and how to put one behind a traced proxy. The
 * post-processor and the wrapper serve both SDKs through it. Internal: public only because each
 * SDK's code lives in its own sub-package.
 *
 * @param supports whether an object is a client of this SDK (sync or async)
 * @param tracer the traced form of a client, recording on the LLM tracing it is given
 * @param traced whether an object is a client this SDK's code already traces
 */
public record SdkClients(Predicate<Object> supports, Tracer tracer, Predicate<Object> traced) {

	/**
	 * The clients of an SDK whose clients come in one blocking and one asynchronous interface, as
	 * both SDKs' do: any other object is not a client and is left as it is.
	 * @param <S> the blocking client interface
	 * @param <A> the asynchronous client interface
	 * @param syncType the blocking client interface
	 * @param tracedSync the traced form of a blocking client
	 * @param asyncType the asynchronous client interface
	 * @param tracedAsync the traced form of an asynchronous client
	 * @param traced whether an object is a client this SDK's code already traces
	 * @return the SDK's clients
	 */
	public static <S, A> SdkClients of(Class<S> syncType, BiFunction<S, Supplier<@Nullable LlmTracing>, S> tracedSync,
			Class<A> asyncType, BiFunction<A, Supplier<@Nullable LlmTracing>, A> tracedAsync, Predicate<Object> traced) {
		Predicate<Object> supports = (client) -> syncType.isInstance(client) || asyncType.isInstance(client);
		Tracer tracer = (client, tracing) -> {
			if (syncType.isInstance(client)) {
				return tracedSync.apply(syncType.cast(client), tracing);
			}
			if (asyncType.isInstance(client)) {
				return tracedAsync.apply(asyncType.cast(client), tracing);
			}
			return client;
		};
		return new SdkClients(supports, tracer, traced);
	}

	/**
	 * Whether a client is already traced by Cascade.
	 * @param client a client
	 * @return whether it is a Cascade-traced client of this SDK
	 */
	public boolean isTraced(Object client) {
		return this.traced.test(client);
	}

	/** Puts a client behind a traced proxy. */
	@FunctionalInterface
	public interface Tracer {

		Object traced(Object client, Supplier<@Nullable LlmTracing> tracing);

	}

}
