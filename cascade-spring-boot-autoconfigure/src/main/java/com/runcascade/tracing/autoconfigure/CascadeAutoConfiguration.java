package com.runcascade.tracing.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.util.StringUtils;

import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.Redactor;
import com.runcascade.tracing.support.CascadeContextSpanProcessor;
import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.support.CascadeResource;
import com.runcascade.tracing.support.CascadeSampler;
import com.runcascade.tracing.support.CascadeScopeHook;
import com.runcascade.tracing.support.ContentFormatter;
import com.runcascade.tracing.support.DefaultCascadeTracer;
import com.runcascade.tracing.support.LlmClientWrapper;
import com.runcascade.tracing.micrometer.ObservationContextHook;
import com.runcascade.tracing.support.Redaction;

/**
 * Auto-configuration of the Cascade core: the {@link CascadeTracer} (and the static {@code Cascade}
 * facade's binding to it), the engine the integrations share, the span processor that tags
 * spans with agent and session, the sampler that keeps every run, and the Cascade resource
 * attributes. Builds on Boot's one OpenTelemetry SDK; never creates a second one.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration" },
		afterName = { "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration" })
@EnableConfigurationProperties({ CascadeProperties.class, CascadeRedactProperties.class })
@Import(BootTracingConfiguration.class)
public final class CascadeAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CascadeAutoConfiguration.class);

	static final String SAMPLING_PROBABILITY = "management.tracing.sampling.probability";

	private final CascadeProperties properties;

	private final CascadeRedactProperties redact;

	CascadeAutoConfiguration(CascadeProperties properties, CascadeRedactProperties redact) {
		this.properties = properties;
		this.redact = redact;
	}

	@Bean
	@ConditionalOnMissingBean
	ContentFormatter cascadeContentFormatter(ObjectProvider<Redactor> redactors) {
		long max = this.properties.getMaxAttributeLength().toBytes();
		if (max < 1 || max > Integer.MAX_VALUE) {
			throw new IllegalStateException("cascade.max-attribute-length must be between 1B and 2GB, was " + max + "B");
		}
		return new ContentFormatter(this.properties.isCaptureContent(), (int) max,
				redaction(this.redact, redactors.orderedStream().toList()));
	}

	private static Redactor redaction(CascadeRedactProperties redact, List<Redactor> custom) {
		return Redaction.of(redact.isEnabled(), redact.isSecrets(), redact.getPresets(), redact.getPatterns(),
				redact.getReplacement(), custom);
	}

	/**
	 * The engine every integration records through, whatever the application's
	 * {@link CascadeTracer} is: a tracer of the application's own leaves LLM, tool and Spring AI
	 * capture on.
	 */
	@Bean
	@ConditionalOnMissingBean
	CascadeInstrumentation cascadeInstrumentation(ObjectProvider<OpenTelemetry> openTelemetry,
			ContentFormatter contentFormatter, ObjectProvider<LlmClientWrapper> llmClientWrappers,
			ObjectProvider<CascadeScopeHook> scopeHook) {
		Supplier<List<LlmClientWrapper>> wrappers = () -> llmClientWrappers.orderedStream().toList();
		if (!this.properties.isEnabled()) {
			return new CascadeInstrumentation(OpenTelemetry.noop(), contentFormatter, CascadeScopeHook.NONE, wrappers);
		}
		OpenTelemetry sdk = openTelemetry.getIfAvailable();
		if (sdk == null) {
			logger.warn("Cascade found no OpenTelemetry bean, so nothing is traced; add "
					+ "cascade-spring-boot-starter (or spring-boot-opentelemetry) to the application");
			sdk = OpenTelemetry.noop();
		}
		return new CascadeInstrumentation(sdk, contentFormatter, scopeHook.getIfAvailable(() -> CascadeScopeHook.NONE),
				wrappers);
	}

	@Bean
	@ConditionalOnMissingBean
	CascadeTracer cascadeTracer(CascadeInstrumentation instrumentation) {
		return new DefaultCascadeTracer(instrumentation);
	}

	/** Points {@code Cascade}'s static methods at the application's tracer while the context runs. */
	@Bean
	CascadeFacadeBinding cascadeFacadeBinding(ObjectProvider<CascadeTracer> tracer) {
		return new CascadeFacadeBinding(tracer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CascadeContextSpanProcessor cascadeContextSpanProcessor() {
			return new CascadeContextSpanProcessor();
		}

		/**
		 * Boot samples 10% of traces unless told otherwise, which would drop most runs. Cascade
		 * keeps every trace unless the user sets the probability explicitly, and even then keeps
		 * every run and every request of a session ({@link CascadeSampler}).
		 */
		@Bean
		@ConditionalOnMissingBean
		Sampler cascadeSampler(Environment environment) {
			Double probability = environment.getProperty(SAMPLING_PROBABILITY, Double.class);
			if (probability != null) {
				return new CascadeSampler(Sampler.parentBased(Sampler.traceIdRatioBased(probability)));
			}
			return new CascadeSampler(Sampler.parentBased(Sampler.alwaysOn()));
		}

		/** Carries the OpenTelemetry context (span, agent, session) into Boot's task executors. */
		@Bean
		@ConditionalOnMissingBean(name = "cascadeContextTaskDecorator")
		TaskDecorator cascadeContextTaskDecorator() {
			return new ExecutorContextPostProcessor.ContextTaskDecorator();
		}

		/** And into the Spring executors the application builds itself. */
		@Bean
		static BeanPostProcessor cascadeExecutorContextPostProcessor() {
			return new ExecutorContextPostProcessor();
		}

	}

	/** Micrometer's Observation API comes with spring-context; an ObservationRegistry bean may not. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "cascade.enabled", matchIfMissing = true)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CascadeScopeHook cascadeObservationScopeHook() {
			return new ObservationContextHook();
		}

	}

	/** The Cascade resource attributes; the project falls back to {@code spring.application.name}. */
	static CascadeResource cascadeResource(CascadeProperties properties, Environment environment) {
		String configured = properties.getProject();
		String project = (configured != null && StringUtils.hasText(configured)) ? configured
				: environment.getProperty("spring.application.name", "default");
		return new CascadeResource(project, properties.getEnvironment(), environment.containsProperty("cascade.environment"),
				properties.getVersion(), properties.getUserId(), properties.getMetadata());
	}

	/**
	 * Boot's own batch span processors, told apart from one of the application's by the
	 * auto-configuration class that declares their factory method.
	 */
	static List<Object> bootBatchProcessors(ConfigurableListableBeanFactory beanFactory, String autoConfiguration) {
		List<Object> processors = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(BatchSpanProcessor.class, false, false)) {
			if (beanFactory.containsBeanDefinition(name)
					&& beanFactory.getBeanDefinition(name) instanceof AnnotatedBeanDefinition definition
					&& definition.getFactoryMethodMetadata() != null
					&& autoConfiguration.equals(definition.getFactoryMethodMetadata().getDeclaringClassName())) {
				processors.add(beanFactory.getBean(name));
			}
		}
		return processors;
	}

}
