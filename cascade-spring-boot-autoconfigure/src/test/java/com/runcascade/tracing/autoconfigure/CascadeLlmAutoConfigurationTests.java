package com.runcascade.tracing.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;


import static org.assertj.core.api.Assertions.assertThat;
import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.LlmTracing;
import com.runcascade.tracing.llm.ModelPricing;
import com.runcascade.tracing.llm.PriceTable;
import com.runcascade.tracing.micrometer.MicrometerLlmMetrics;

class CascadeLlmAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CascadeAutoConfiguration.class, CascadeLlmAutoConfiguration.class));

	@Test
	void defaultsPriceModelsWithTheBundledTableAndRecordNoMetricsWithoutARegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PriceTable.class).doesNotHaveBean(LlmMetrics.class);
			LlmTracing tracing = context.getBean(LlmTracing.class);
			assertThat(tracing.pricing()).isSameAs(context.getBean(PriceTable.class));
			assertThat(tracing.metrics()).isSameAs(LlmMetrics.NONE);
			assertThat(tracing.pricing().priceOf("anthropic", "claude-sonnet-4"))
				.isEqualTo(new ModelPricing.Price(3, 15, 0.3, 3.75));
		});
	}

	@Test
	void meterRegistryBeanEnablesMicrometerMetrics() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerLlmMetrics.class);
			LlmTracing tracing = context.getBean(LlmTracing.class);
			assertThat(tracing.metrics()).isSameAs(context.getBean(MicrometerLlmMetrics.class));
			tracing.metrics().record("openai", "gpt-4o", null, 1.0, null, 0.5, null);
			assertThat(context.getBean(MeterRegistry.class).get(MicrometerLlmMetrics.COST).counter().count())
				.isEqualTo(0.5);
		});
	}

	@Test
	void withoutMicrometerNoMetricsAreConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(LlmMetrics.class).hasSingleBean(PriceTable.class);
				assertThat(context.getBean(LlmTracing.class).metrics()).isSameAs(LlmMetrics.NONE);
			});
	}

	@Test
	void userModelPricingReplacesThePriceTable() {
		ModelPricing pricing = (provider, model) -> new ModelPricing.Price(1, 1, 1, 1);
		this.contextRunner.withBean(ModelPricing.class, () -> pricing).run((context) -> {
			assertThat(context).doesNotHaveBean(PriceTable.class);
			assertThat(context.getBean(LlmTracing.class).pricing()).isSameAs(pricing);
		});
	}

	@Test
	void userLlmMetricsReplaceMicrometerMetrics() {
		LlmMetrics metrics = (provider, model, agentName, durationSeconds, usage, costUsd, errorType) -> {
		};
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean(LlmMetrics.class, () -> metrics)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MicrometerLlmMetrics.class);
				assertThat(context.getBean(LlmTracing.class).metrics()).isSameAs(metrics);
			});
	}

	@Test
	void pricePropertiesOverrideAndAddModels() {
		this.contextRunner
			.withPropertyValues("cascade.pricing.models.gpt-4o.input=2", "cascade.pricing.models.gpt-4o.cache-read=0.5",
					"cascade.pricing.models[acme/llm-1.5].input=1", "cascade.pricing.models[acme/llm-1.5].output=4")
			.run((context) -> {
				PriceTable table = context.getBean(PriceTable.class);
				assertThat(table.priceOf("openai", "gpt-4o-2024-08-06")).isEqualTo(new ModelPricing.Price(2, 10, 0.5, 2.5));
				assertThat(table.priceOf("openrouter", "acme/llm-1.5")).isEqualTo(new ModelPricing.Price(1, 4, 1, 1));
			});
	}

	@Test
	void negativePriceFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cascade.pricing.models.gpt-4o.output=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cascade.pricing.models[gpt-4o].output")
				.hasMessageContaining("must not be negative");
		});
	}

	@Test
	void unknownPriceFieldFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cascade.pricing.models.gpt-4o.inptu=2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cascade.pricing.models.gpt-4o.inptu")
				.hasMessageContaining("input, output, cache-read or cache-write");
		});
	}

	@Test
	void dottedModelNameOutsideBracketsFailsStartup() {
		this.contextRunner.withPropertyValues("cascade.pricing.models.gpt-4.1.input=2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cascade.pricing.models.gpt-4.1.input")
				.hasMessageContaining("cascade.pricing.models[gpt-4.1].input");
		});
	}

	@Test
	void newModelWithoutPricesFailsStartup() {
		this.contextRunner.withPropertyValues("cascade.pricing.models.acme-llm.input=2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cascade.pricing.models[acme-llm].output");
		});
	}

}
