package com.runcascade.tracing.sdk;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;

/**
 * The clients of one SDK: which objects they are, and how to put one behind a traced proxy. The
 * post-processor and the wrapper serve both SDKs through it.
 *
 * @param supports whether an object is a client of this SDK (sync or async)
 * @param tracer the traced form of a client, recording on the LLM tracing it is given
 */
record SdkClients(Predicate<Object> supports, Tracer tracer) {

	/** Puts a client behind a traced proxy. */
	@FunctionalInterface
	interface Tracer {

		Object traced(Object client, Supplier<@Nullable LlmTracing> tracing);

	}

}
