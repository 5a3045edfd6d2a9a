package com.runcascade.tracing.console;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeConsoleProperties;

/**
 * Auto-configuration of the console view ({@code cascade.console.enabled}), off by default.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class, beforeName = { "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("cascade.console.enabled")
@EnableConfigurationProperties(CascadeConsoleProperties.class)
public final class CascadeConsoleAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConsoleSpanProcessor cascadeConsoleSpanProcessor() {
		return new ConsoleSpanProcessor(System.out::print);
	}

}
