package com.runcascade.tracing.autoconfigure;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;

import com.runcascade.tracing.langchain4j.CascadeChatModelListener;
import com.runcascade.tracing.llm.LlmTracing;

/**
 * Gives a LangChain4j chat model Cascade's listener. A model keeps the listeners its builder was
 * given and cannot take more, so the bean is replaced by a proxy that adds Cascade's listener to
 * what {@code listeners()} returns and runs LangChain4j's own {@code chat} methods (the interface's
 * default methods, which call the listeners around {@code doChat}) on the proxy; every other method,
 * {@code doChat} included, goes to the model (a stream's handler wrapped to time its first chunk). The proxy is a subclass of the model's class, so the
 * bean keeps its type ({@code OpenAiChatModel} stays injectable as such); a final class gets a proxy
 * on its interfaces instead. A model whose class overrides {@code chat} itself is left to call its
 * own listeners.
 */
final class LangChain4jModels {

	static final String CHAT_MODEL_LISTENER = "dev.langchain4j.model.chat.listener.ChatModelListener";

	static final String AI_SERVICE_REGISTRAR = "dev.langchain4j.observability.api.AiServiceListenerRegistrar";

	private static final Log logger = LogFactory.getLog(LangChain4jModels.class);

	/** Each default method's body, callable on any instance of its interface (the proxy). */
	private static final Map<Method, MethodHandle> defaultMethods = new ConcurrentHashMap<>();

	private final CascadeChatModelListener chatListener;

	private final CascadeChatModelListener streamingListener;

	LangChain4jModels(Supplier<? extends @Nullable LlmTracing> tracing) {
		this.chatListener = CascadeChatModelListener.forChatModel(tracing);
		this.streamingListener = CascadeChatModelListener.forStreamingChatModel(tracing);
	}

	static boolean isChatModel(Object bean) {
		return bean instanceof ChatModel || bean instanceof StreamingChatModel;
	}

	/**
	 * The model with Cascade's listener: a proxy, or the model itself when it already has it.
	 * @param model a {@code ChatModel} or {@code StreamingChatModel}
	 * @return the traced model
	 */
	Object traced(Object model) {
		if (isTraced(model) || hasCascadeListener(model)) {
			return model;
		}
		try {
			CascadeChatModelListener listener = (model instanceof ChatModel) ? this.chatListener
					: this.streamingListener;
			ProxyFactory factory = new ProxyFactory(model);
			factory.setProxyTargetClass(canSubclass(model.getClass()));
			factory.addAdvice(new ListenerInterceptor(listener));
			return factory.getProxy(model.getClass().getClassLoader());
		}
		catch (RuntimeException ex) {
			logger.warn("Cascade could not trace LangChain4j model " + model.getClass().getName()
					+ "; give its builder CascadeChatModelListener to trace it", ex);
			return model;
		}
	}

	private static boolean isTraced(Object model) {
		if (model instanceof Advised advised) {
			for (Advisor advisor : advised.getAdvisors()) {
				if (advisor.getAdvice() instanceof ListenerInterceptor) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean hasCascadeListener(Object model) {
		List<ChatModelListener> listeners = (model instanceof ChatModel chat) ? chat.listeners()
				: ((StreamingChatModel) model).listeners();
		if (listeners != null) {
			for (ChatModelListener listener : listeners) {
				if (listener instanceof CascadeChatModelListener) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether a subclass proxy can stand for the model: the class is not final and implements none
	 * of the model methods as final (a final method would run on the proxy's empty fields).
	 */
	static boolean canSubclass(Class<?> type) {
		if (Modifier.isFinal(type.getModifiers()) || type.isHidden() || type.isSynthetic()
				|| java.lang.reflect.Proxy.isProxyClass(type)) {
			return false;
		}
		for (Class<?> modelType : List.of(ChatModel.class, StreamingChatModel.class)) {
			if (!modelType.isAssignableFrom(type)) {
				continue;
			}
			for (Method method : modelType.getMethods()) {
				if (Modifier.isStatic(method.getModifiers())) {
					continue;
				}
				try {
					if (Modifier.isFinal(type.getMethod(method.getName(), method.getParameterTypes()).getModifiers())) {
						return false;
					}
				}
				catch (NoSuchMethodException ex) {
					return false;
				}
			}
		}
		return true;
	}

	/** Adds the listener and runs LangChain4j's default {@code chat} methods on the proxy. */
	static final class ListenerInterceptor implements MethodInterceptor {

		private final ChatModelListener listener;

		private volatile @Nullable Listeners cached;

		/** Per interface method: whether the model's class overrides it (one model per interceptor). */
		private final Map<Method, Boolean> overrides = new ConcurrentHashMap<>();

		ListenerInterceptor(ChatModelListener listener) {
			this.listener = listener;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			Method method = invocation.getMethod();
			if (method.getParameterCount() == 0 && "listeners".equals(method.getName())
					&& List.class.equals(method.getReturnType())) {
				return withCascade(invocation.proceed());
			}
			if (method.isDefault() && isModelInterface(method.getDeclaringClass())
					&& invocation instanceof ProxyMethodInvocation proxied && !overridden(method, invocation.getThis())) {
				Object[] arguments = invocation.getArguments();
				return (Object) defaultMethod(method).invokeExact((Object) proxied.getProxy(), arguments);
			}
			if (method.getParameterCount() == 2 && "doChat".equals(method.getName())
					&& invocation.getArguments()[1] instanceof StreamingChatResponseHandler handler) {
				// The stream's chunks time its first token (listeners see none of them).
				invocation.getArguments()[1] = CascadeChatModelListener.timingFirstToken(handler);
			}
			return invocation.proceed();
		}

		/** The model's listeners and Cascade's; the last answer is kept while the model's list stays the same. */
		private List<ChatModelListener> withCascade(@Nullable Object own) {
			Listeners cached = this.cached;
			if (cached != null && cached.own() == own) {
				return cached.all();
			}
			List<?> listeners = (own instanceof List<?> list) ? list : List.of();
			List<ChatModelListener> all = new ArrayList<>(listeners.size() + 1);
			for (Object listener : listeners) {
				all.add((ChatModelListener) listener);
			}
			// Appended: the model's own listeners keep their order.
			all.add(this.listener);
			List<ChatModelListener> unmodifiable = Collections.unmodifiableList(all);
			this.cached = new Listeners(own, unmodifiable);
			return unmodifiable;
		}

		/**
		 * Whether the model's class implements a default method itself ({@code doChat}, {@code listeners},
		 * or a {@code chat} of its own): then the call goes to the model. A JDK proxy hands the
		 * interface's method even for those.
		 */
		private boolean overridden(Method method, @Nullable Object target) {
			if (target == null) {
				return false;
			}
			return this.overrides.computeIfAbsent(method,
					(key) -> !AopUtils.getMostSpecificMethod(key, target.getClass()).getDeclaringClass().isInterface());
		}

		private static boolean isModelInterface(Class<?> type) {
			return type == ChatModel.class || type == StreamingChatModel.class;
		}

		private static MethodHandle defaultMethod(Method method) {
			return defaultMethods.computeIfAbsent(method, (key) -> {
				try {
					Class<?> declaring = key.getDeclaringClass();
					MethodHandle special = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup())
						.unreflectSpecial(key, declaring);
					// (Object receiver, Object[] arguments) -> Object, so every call is one invokeExact.
					return special.asType(special.type().generic())
						.asSpreader(Object[].class, key.getParameterCount());
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException("Cannot call " + key, ex);
				}
			});
		}

		private record Listeners(@Nullable Object own, List<ChatModelListener> all) {

		}

	}

}
