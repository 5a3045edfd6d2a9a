package com.runcascade.tracing.langchain4j;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.support.CascadeInstrumentation;

/**
 * The engine LangChain4j's AI services record through. LangChain4j creates each AI service's
 * listener registrar itself (through {@link CascadeAiServiceListenerRegistrarFactory}, found by
 * {@code ServiceLoader}), so the registrar cannot be handed the application's engine: the Spring
 * auto-configuration binds it here while its context runs. Internal: public for that wiring.
 */
public final class LangChain4jTracing {

	/** The engines bound, newest first: two application contexts in one JVM (tests) each bind theirs. */
	private static final Deque<Binding> bound = new ArrayDeque<>();

	private static volatile @Nullable Binding current;

	private LangChain4jTracing() {
	}

	/**
	 * Record LangChain4j AI service calls and their tool executions through an engine, until
	 * {@link #unbind}.
	 * @param instrumentation the engine
	 */
	public static void bind(CascadeInstrumentation instrumentation) {
		bind(instrumentation, null);
	}

	/**
	 * Record LangChain4j AI service calls and their tool executions through an engine, and the
	 * requests of models built with {@link CascadeChatModelListener#forChatModel()} through its LLM
	 * recorder, until {@link #unbind}.
	 * @param instrumentation the engine
	 * @param llm the engine's LLM recorder, or {@code null}
	 */
	public static void bind(CascadeInstrumentation instrumentation, @Nullable LlmTracing llm) {
		synchronized (bound) {
			bound.push(new Binding(new AiServiceTracing(instrumentation, llm), llm));
			current = bound.peek();
		}
	}

	/**
	 * Stop recording through an engine; the one bound before it, if any, takes over.
	 * @param instrumentation the engine given to {@link #bind}
	 */
	public static void unbind(CascadeInstrumentation instrumentation) {
		synchronized (bound) {
			bound.removeIf((binding) -> binding.aiServices().instrumentation() == instrumentation);
			current = bound.peek();
		}
	}

	static @Nullable AiServiceTracing current() {
		Binding binding = current;
		return (binding != null) ? binding.aiServices() : null;
	}

	static @Nullable LlmTracing currentLlm() {
		Binding binding = current;
		return (binding != null) ? binding.llm() : null;
	}

	private record Binding(AiServiceTracing aiServices, @Nullable LlmTracing llm) {
	}

}
