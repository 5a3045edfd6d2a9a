package com.runcascade.tracing.support;

import com.runcascade.tracing.CascadeTracer;

/**
 * Wraps one family of LLM SDK clients (Anthropic, OpenAI) so their calls are traced. Implemented by
 * the SDK integrations; {@link CascadeTracer#wrapLlmClient(Object)} picks the one that supports a
 * client. Internal plumbing between the SDK integration and the engine: public only because they
 * live in different packages.
 */
public interface LlmClientWrapper {

	/**
	 * Whether this wrapper can trace the given client.
	 * @param client an SDK client
	 * @return whether {@link #wrap(Object)} applies
	 */
	boolean supports(Object client);

	/**
	 * The traced form of the client. Wrapping an already wrapped client returns it unchanged.
	 * @param client an SDK client that {@link #supports(Object) is supported}
	 * @return a client with the same interface whose LLM calls are traced
	 */
	Object wrap(Object client);

}
