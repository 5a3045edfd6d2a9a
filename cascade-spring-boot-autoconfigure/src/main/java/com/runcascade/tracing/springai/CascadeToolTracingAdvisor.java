package com.runcascade.tracing.springai;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.core.Ordered;

import com.runcascade.tracing.support.SpanErrors;

/**
 * Hands the tool callbacks of each ChatClient request to the tool loop as
 * {@link TracedToolCallback}s, so that a tool run by a {@code ToolCallingManager} without an
 * observation registry is a tool span too. It runs outside every tool calling advisor
 * ({@link #ORDER} is before Spring AI's {@code ToolCallingAdvisor.DEFAULT_ORDER}), which reads
 * the callbacks from the request it is given. Tools the manager resolves by name are left as they are.
 */
final class CascadeToolTracingAdvisor implements CallAdvisor, StreamAdvisor {

	/** Before Spring AI's tool calling advisor and any advisor ordered near it. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Log logger = LogFactory.getLog(CascadeToolTracingAdvisor.class);

	private final SpringAiSpans spans;

	CascadeToolTracingAdvisor(SpringAiSpans spans) {
		this.spans = spans;
	}

	@Override
	public String getName() {
		return "CascadeToolTracingAdvisor";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		return chain.nextCall(withTracedTools(request));
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return chain.nextStream(withTracedTools(request));
	}

	private ChatClientRequest withTracedTools(ChatClientRequest request) {
		try {
			ChatOptions options = request.prompt().getOptions();
			if (!(options instanceof ToolCallingChatOptions toolOptions)) {
				return request;
			}
			List<ToolCallback> callbacks = toolOptions.getToolCallbacks();
			if (callbacks == null || callbacks.isEmpty()) {
				return request;
			}
			List<ToolCallback> traced = new ArrayList<>(callbacks.size());
			for (ToolCallback callback : callbacks) {
				traced.add((callback instanceof TracedToolCallback) ? callback : new TracedToolCallback(callback, this.spans));
			}
			ChatOptions tracedOptions = SpringAiLine.withToolCallbacks(toolOptions, traced);
			Prompt prompt = request.prompt().mutate().chatOptions(tracedOptions).build();
			return request.mutate().prompt(prompt).build();
		}
		catch (Throwable ex) {
			SpanErrors.rethrowIfFatal(ex);
			logger.debug("Cascade could not trace the tools of a ChatClient request; they run untraced", ex);
			return request;
		}
	}

}
