package com.runcascade.tracing.web;

import io.opentelemetry.context.propagation.ContextPropagators;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.server.WebFilter;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeSessionProperties;
import com.runcascade.tracing.autoconfigure.ReactorContextPropagationConfiguration;

/**
 * Auto-configuration of sessions over HTTP: the session filter of servlet and reactive web
 * applications (the {@code cascade.session.header} header, {@code X-Cascade-Session-Id} by default, or the {@code cascade.session_id} baggage entry,
 * becomes the request's session), and the propagation of the current session to other services as
 * W3C baggage.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CascadeSessionProperties.class)
public final class CascadeWebAutoConfiguration {

	/**
	 * Order of both session filters: in servlet applications right after Spring's server
	 * observation filter (highest precedence + 1), in both stacks before Spring Security.
	 */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
	@ConditionalOnBean(CascadeTracer.class)
	@ConditionalOnBooleanProperty(name = "cascade.session.enabled", matchIfMissing = true)
	static class ServletSessionConfiguration {

		// @ConditionalOnMissingFilterBean spelled out: that annotation's package differs per Boot line.

		@Bean
		@ConditionalOnMissingBean(value = CascadeSessionFilter.class, parameterizedContainer = FilterRegistrationBean.class)
		FilterRegistrationBean<CascadeSessionFilter> cascadeSessionFilter(CascadeTracer tracer,
				CascadeSessionProperties properties) {
			FilterRegistrationBean<CascadeSessionFilter> registration = new FilterRegistrationBean<>(
					new CascadeSessionFilter(tracer, sessionSettings(properties)));
			registration.setOrder(FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			return registration;
		}

		/** Before Spring's server observation filter, so the server span's sampler sees the session. */
		@Bean
		@ConditionalOnMissingBean(value = SessionSamplingFilter.class, parameterizedContainer = FilterRegistrationBean.class)
		FilterRegistrationBean<SessionSamplingFilter> cascadeSessionSamplingFilter(CascadeSessionProperties properties) {
			FilterRegistrationBean<SessionSamplingFilter> registration = new FilterRegistrationBean<>(
					new SessionSamplingFilter(properties.getHeader()));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			registration.setDispatcherTypes(DispatcherType.REQUEST);
			return registration;
		}

	}

	/**
	 * The session filter of reactive web applications. The session reaches the handlers through
	 * the Reactor context, with Reactor's automatic context propagation, which
	 * {@link ReactorContextPropagationConfiguration} turns on.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(value = { WebFilter.class, Mono.class }, name = "io.micrometer.context.ContextRegistry")
	@ConditionalOnBean(CascadeTracer.class)
	@ConditionalOnBooleanProperty(name = "cascade.session.enabled", matchIfMissing = true)
	@Import(ReactorContextPropagationConfiguration.class)
	static class ReactiveSessionConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cascadeReactiveSessionFilter")
		WebFilter cascadeReactiveSessionFilter(CascadeTracer tracer, CascadeSessionProperties properties) {
			return new CascadeReactiveSessionFilter(tracer, sessionSettings(properties));
		}

		/**
		 * Around Spring's {@code HttpHandler}, which starts the server observation before any
		 * {@code WebFilter} runs, so the server span's sampler sees the session header.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "cascadeReactiveSessionSampling")
		HttpHandlerDecoratorFactory cascadeReactiveSessionSampling(CascadeSessionProperties properties) {
			String header = properties.getHeader();
			return (handler) -> new SessionSamplingHttpHandler(handler, header);
		}

	}

	/**
	 * Sends the current session id with traced calls to other services, as the W3C baggage entry
	 * {@code cascade.session_id}: the application's {@link ContextPropagators} (Boot's W3C trace
	 * context and baggage propagators) write it into the {@code baggage} header of every request
	 * that an instrumented client (RestClient, WebClient) sends while a session is current. The
	 * receiving service's session filter reads it back. Applies to every application, web or not.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "cascade.session.propagation.enabled", matchIfMissing = true)
	static class SessionPropagationConfiguration {

		@Bean
		static BeanPostProcessor cascadeSessionBaggagePropagation() {
			return new SessionBaggagePostProcessor();
		}

	}

	/** Wraps every {@link ContextPropagators} bean once. */
	static final class SessionBaggagePostProcessor implements BeanPostProcessor, Ordered {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof ContextPropagators propagators
					&& !(propagators.getTextMapPropagator() instanceof SessionBaggage.Propagator)) {
				return ContextPropagators.create(new SessionBaggage.Propagator(propagators.getTextMapPropagator()));
			}
			return bean;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/** The filters get plain values; they never see the bound properties. */
	static SessionSettings sessionSettings(CascadeSessionProperties properties) {
		return new SessionSettings(properties.getHeader(), properties.getEndHeader(),
				properties.getPropagation().isEnabled(), properties.isGenerateWhenMissing());
	}

}
