package com.runcascade.tracing.autoconfigure;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Disabled is not absent unless this filter makes it so: the starter brings Boot's tracing stack
 * (the OpenTelemetry tracer provider, Micrometer's tracing observation handlers, the OTLP span
 * exporter), which would otherwise keep tracing every HTTP request with {@code cascade.enabled=false}.
 * With Cascade disabled, and no {@code management.tracing.*}, {@code management.opentelemetry.tracing.*},
 * {@code management.otlp.tracing.*} or {@code management.zipkin.*} property set, those
 * auto-configurations are left out. Setting any such property (for example
 * {@code management.tracing.sampling.probability}) means the application configured tracing itself,
 * and it stays as Boot makes it.
 */
final class DisabledTracingFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	/**
	 * What the starter brought: tracer provider, tracing observation handlers, OTLP span export
	 * (Boot 4's names, then Boot 3.5's). On Boot 3.5 the no-op tracer goes too: its {@code Tracer}
	 * bean makes Boot's observation auto-configuration register a tracing-aware meter handler, which
	 * without Micrometer Tracing's handlers fails every HTTP request's observation when it stops.
	 */
	static final Set<String> TRACING_AUTO_CONFIGURATIONS = Set.of(
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration",
			"org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration");

	/** Prefixes of the properties by which an application configures tracing itself. */
	private static final String[] USER_TRACING_PREFIXES = { "management.tracing.", "management.opentelemetry.tracing.",
			"management.otlp.tracing.", "management.zipkin." };

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		boolean leaveOut = this.environment != null && leaveTracingOut(this.environment);
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			// Entries already left out by an earlier filter are null.
			String candidate = autoConfigurationClasses[i];
			matches[i] = !leaveOut || candidate == null || !TRACING_AUTO_CONFIGURATIONS.contains(candidate);
		}
		return matches;
	}

	static boolean leaveTracingOut(Environment environment) {
		if (Boolean.TRUE.equals(environment.getProperty("cascade.enabled", Boolean.class, Boolean.TRUE))) {
			return false;
		}
		return !userConfiguredTracing(environment);
	}

	private static boolean userConfiguredTracing(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return true;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (isTracingProperty(name)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static boolean isTracingProperty(String name) {
		for (String prefix : USER_TRACING_PREFIXES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		// Environment variables: MANAGEMENT_TRACING_SAMPLING_PROBABILITY and the like.
		return name.startsWith("MANAGEMENT_TRACING_") || name.startsWith("MANAGEMENT_OPENTELEMETRY_TRACING_")
				|| name.startsWith("MANAGEMENT_OTLP_TRACING_") || name.startsWith("MANAGEMENT_ZIPKIN_");
	}

}
