package com.runcascade.tracing.sdk.anthropic;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Supplier;

import com.anthropic.core.RequestOptions;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.services.async.MessageServiceAsync;
import com.anthropic.services.blocking.MessageService;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.sdk.Invocations;
import com.runcascade.tracing.sdk.LlmCallInvoker;
import com.runcascade.tracing.sdk.ServiceRoute;
import com.runcascade.tracing.sdk.TracedServiceHandler;

/**
 * Proxy behind a traced {@link MessageService} or {@link MessageServiceAsync}: traces
 * {@code create} and {@code createStreaming} (see {@link TracedServiceHandler}) and the services
 * derived through {@code withOptions}.
 */
final class TracedMessageService extends TracedServiceHandler {

	private static final Map<Method, ServiceRoute> SYNC_ROUTES = ServiceRoute.of(MessageService.class,
			MessageCreateParams.class);

	private static final Map<Method, ServiceRoute> ASYNC_ROUTES = ServiceRoute.of(MessageServiceAsync.class,
			MessageCreateParams.class);

	private final Supplier<@Nullable LlmTracing> tracing;

	private TracedMessageService(Object delegate, boolean async, Supplier<@Nullable LlmTracing> tracing) {
		super(delegate, async ? ASYNC_ROUTES : SYNC_ROUTES,
				new LlmCallInvoker(tracing, MessagesApi.INSTANCE, AnthropicSdk.STREAMS), async);
		this.tracing = tracing;
	}

	static MessageService wrap(MessageService service, Supplier<@Nullable LlmTracing> tracing) {
		return isTraced(service) ? service
				: proxy(MessageService.class, new TracedMessageService(service, false, tracing));
	}

	static MessageServiceAsync wrap(MessageServiceAsync service, Supplier<@Nullable LlmTracing> tracing) {
		return isTraced(service) ? service
				: proxy(MessageServiceAsync.class, new TracedMessageService(service, true, tracing));
	}

	static boolean isTraced(Object service) {
		return isProxiedBy(service, TracedMessageService.class);
	}

	/** The blocking {@code create} overloads, called directly; the others through the base class. */
	@Override
	protected @Nullable Object call(Method method, @Nullable Object @Nullable [] args, boolean streaming)
			throws Throwable {
		if (!streaming && args != null && args[0] instanceof MessageCreateParams params
				&& this.delegate instanceof MessageService service) {
			if (args.length == 1) {
				return service.create(params);
			}
			if (args.length == 2 && args[1] instanceof RequestOptions options) {
				return service.create(params, options);
			}
		}
		return super.call(method, args, streaming);
	}

	@Override
	protected @Nullable Object withOptions(Method method, @Nullable Object @Nullable [] args) throws Throwable {
		Object result = Invocations.invoke(method, this.delegate, args);
		if (result instanceof MessageService service) {
			return wrap(service, this.tracing);
		}
		if (result instanceof MessageServiceAsync service) {
			return wrap(service, this.tracing);
		}
		return result;
	}

}
