package com.runcascade.tracing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.runcascade.tracing.support.CascadeInstrumentation;
import com.runcascade.tracing.llm.InvalidPriceException;
import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.llm.PriceOverride;
import com.runcascade.tracing.llm.PriceTable;
import com.runcascade.tracing.micrometer.MicrometerLlmMetrics;

/**
 * Auto-configuration of what every LLM integration shares: {@link LlmTracing}, prices and
 * metrics.
 */
@AutoConfiguration(after = CascadeAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(CascadeInstrumentation.class)
@EnableConfigurationProperties(CascadeProperties.class)
public final class CascadeLlmAutoConfiguration {

	private static final String PRICING_MODELS = "cascade.pricing.models";

	@Bean
	@ConditionalOnMissingBean
	LlmTracing cascadeLlmTracing(CascadeInstrumentation instrumentation, ObjectProvider<ModelPricing> pricing,
			ObjectProvider<LlmMetrics> metrics) {
		return new LlmTracing(instrumentation, pricing.getIfAvailable(() -> ModelPricing.NONE),
				metrics.getIfAvailable(() -> LlmMetrics.NONE));
	}

	@Bean
	@ConditionalOnMissingBean(ModelPricing.class)
	PriceTable cascadeModelPricing(CascadeProperties properties, Environment environment) {
		checkNoUnknownPriceFields(environment);
		Map<String, PriceOverride> overrides = new LinkedHashMap<>();
		properties.getPricing()
			.getModels()
			.forEach((model, price) -> overrides.put(model, new PriceOverride(price.getInput(), price.getOutput(),
					price.getCacheRead(), price.getCacheWrite())));
		try {
			return new PriceTable(overrides);
		}
		catch (InvalidPriceException ex) {
			// Boot's failure analysis then names the property and the reason at startup.
			throw new InvalidConfigurationPropertyValueException(ex.property(), ex.value(), ex.reason());
		}
	}

	/**
	 * The cascade prefix ignores unknown fields, so a typo such as {@code inptu} would silently leave
	 * a price unset; a wrong price is worse than a failed start, so these are checked strictly.
	 */
	private static void checkNoUnknownPriceFields(Environment environment) {
		try {
			Binder.get(environment)
				.bind(PRICING_MODELS, Bindable.mapOf(String.class, CascadeProperties.Pricing.Price.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound
					&& !unbound.getUnboundProperties().isEmpty()) {
				ConfigurationProperty property = unbound.getUnboundProperties().iterator().next();
				throw new InvalidConfigurationPropertyValueException(property.getName().toString(),
						property.getValue(),
						"Unknown price property: a model takes input, output, cache-read or cache-write, and a model "
								+ "name with dots or slashes goes in brackets, as in " + PRICING_MODELS + "[gpt-4.1].input");
			}
			throw ex;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(LlmMetrics.class)
		MicrometerLlmMetrics cascadeLlmMetrics(MeterRegistry meterRegistry) {
			return new MicrometerLlmMetrics(meterRegistry);
		}

	}

}
