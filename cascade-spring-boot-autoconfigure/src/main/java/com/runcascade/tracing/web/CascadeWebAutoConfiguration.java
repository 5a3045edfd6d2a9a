package com.runcascade.tracing.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeProperties;

/**
 * Auto-configuration of the {@link CascadeSessionFilter} in servlet web applications.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Filter.class, OncePerRequestFilter.class })
@ConditionalOnBean(CascadeTracer.class)
@ConditionalOnBooleanProperty(name = { "cascade.enabled", "cascade.session.enabled" }, matchIfMissing = true)
public final class CascadeWebAutoConfiguration {

	/** Right after Spring's server observation filter (highest precedence + 1), before security. */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	@ConditionalOnMissingFilterBean(CascadeSessionFilter.class)
	FilterRegistrationBean<CascadeSessionFilter> cascadeSessionFilter(CascadeTracer tracer,
			CascadeProperties properties) {
		FilterRegistrationBean<CascadeSessionFilter> registration = new FilterRegistrationBean<>(
				new CascadeSessionFilter(tracer, properties.getSession()));
		registration.setOrder(FILTER_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	/** Before Spring's server observation filter, so the server span's sampler sees the session. */
	@Bean
	@ConditionalOnMissingFilterBean(SessionSamplingFilter.class)
	FilterRegistrationBean<SessionSamplingFilter> cascadeSessionSamplingFilter(CascadeProperties properties) {
		FilterRegistrationBean<SessionSamplingFilter> registration = new FilterRegistrationBean<>(
				new SessionSamplingFilter(properties.getSession().getHeader()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
