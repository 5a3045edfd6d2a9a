package com.runcascade.tracing.autoconfigure;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies {@link OtlpMetricsDefault} as the environment is prepared. Boot 4's post-processor
 * contract; the class exists once per Boot line, with the same name.
 */
final class OtlpMetricsDefaultPostProcessor implements EnvironmentPostProcessor {

	private final Log logger;

	OtlpMetricsDefaultPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(OtlpMetricsDefaultPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		OtlpMetricsDefault.apply(environment, application.getClassLoader(), this.logger);
	}

}
