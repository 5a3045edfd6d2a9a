package com.runcascade.tracing.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.support.LlmClientWrapper;
import com.runcascade.tracing.sdk.SdkClients;

/** Lets {@code Cascade.wrapLlmClient(client)} trace the clients of one SDK that are not beans. */
final class SdkClientWrapper implements LlmClientWrapper {

	private final SdkClients clients;

	private final LazyLlmTracing tracing;

	SdkClientWrapper(SdkClients clients, ObjectProvider<LlmTracing> tracing) {
		this.clients = clients;
		this.tracing = new LazyLlmTracing(tracing);
	}

	@Override
	public boolean supports(Object client) {
		return this.clients.supports().test(client);
	}

	@Override
	public Object wrap(Object client) {
		return this.clients.tracer().traced(client, this.tracing);
	}

}
