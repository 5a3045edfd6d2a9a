package com.runcascade.tracing.autoconfigure;

import org.springframework.beans.factory.DisposableBean;

import com.runcascade.tracing.langchain4j.LangChain4jTracing;
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * Binds the application's engine for LangChain4j AI services from its creation (AI services may be
 * called while the context starts) until the context closes.
 */
final class LangChain4jAiServiceBinding implements DisposableBean {

	private final CascadeInstrumentation instrumentation;

	LangChain4jAiServiceBinding(CascadeInstrumentation instrumentation) {
		this.instrumentation = instrumentation;
		LangChain4jTracing.bind(instrumentation);
	}

	@Override
	public void destroy() {
		LangChain4jTracing.unbind(this.instrumentation);
	}

}
