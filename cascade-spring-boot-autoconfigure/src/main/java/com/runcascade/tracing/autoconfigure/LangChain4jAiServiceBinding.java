package com.runcascade.tracing.autoconfigure;

import org.springframework.beans.factory.DisposableBean;

import com.runcascade.tracing.langchain4j.LangChain4jTracing;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * Binds the application's engine for LangChain4j AI services, and its LLM recorder for models built
 * with {@code CascadeChatModelListener.forChatModel()}, from its creation (AI services may be called
 * while the context starts) until the context closes.
 */
final class LangChain4jAiServiceBinding implements DisposableBean {

	private final CascadeInstrumentation instrumentation;

	LangChain4jAiServiceBinding(CascadeInstrumentation instrumentation, LlmTracing llm) {
		this.instrumentation = instrumentation;
		LangChain4jTracing.bind(instrumentation, llm);
	}

	@Override
	public void destroy() {
		LangChain4jTracing.unbind(this.instrumentation);
	}

}
