package com.runcascade.tracing.viewer;

import jakarta.servlet.http.HttpServlet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeViewerProperties;

/**
 * Auto-configuration of the local trace viewer at {@code /cascade} in servlet web applications: a
 * {@link ViewerSpanStore} (a {@code SpanProcessor} bean, which Boot adds to the application's one
 * tracer provider, so the viewer sees exactly the spans export sees) and the servlet that shows it.
 * On by default only where a developer runs the application; see {@link ViewerDefault}.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class, beforeName = { "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpServlet.class)
@Conditional(OnViewerEnabledCondition.class)
@EnableConfigurationProperties(CascadeViewerProperties.class)
public final class CascadeViewerAutoConfiguration {

	/** Takes the viewer out again when an exporter shows up among the beans; see {@link ViewerDefault}. */
	@Bean
	static ViewerDefaultCheck cascadeViewerDefaultCheck(Environment environment) {
		return new ViewerDefaultCheck(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	ViewerSpanStore cascadeViewerSpanStore(CascadeViewerProperties viewer) {
		return new ViewerSpanStore(viewer.getMaxTraces(), viewer.getMaxBytes().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean(name = "cascadeViewerServlet")
	ServletRegistrationBean<ViewerServlet> cascadeViewerServlet(ViewerSpanStore store,
			CascadeViewerProperties properties) {
		ServletRegistrationBean<ViewerServlet> registration = new ServletRegistrationBean<>(
				new ViewerServlet(store, properties.isAllowRemote()), ViewerServlet.PATH,
				ViewerServlet.PATH + "/*");
		registration.setName(ViewerServlet.NAME);
		return registration;
	}

	/**
	 * On Tomcat, the viewer's requests are checked as they arrived, before a {@code RemoteIpValve}
	 * ({@code server.forward-headers-strategy=native}) rewrites them. Not needed when remote clients
	 * are allowed.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.catalina.valves.ValveBase", FirstHopValveCustomizer.TOMCAT_FACTORY })
	@ConditionalOnBooleanProperty(name = "cascade.viewer.allow-remote", havingValue = false, matchIfMissing = true)
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		FirstHopValveCustomizer cascadeViewerFirstHopValveCustomizer() {
			return new FirstHopValveCustomizer();
		}

	}

}
