package com.runcascade.tracing.micrometer;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import com.runcascade.tracing.llm.TokenUsage;

class MicrometerLlmMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerLlmMetrics metrics = new MicrometerLlmMetrics(this.registry);

	@Test
	void tokensAreRecordedByTypeWithCachedInputTokensCounted() {
		TokenUsage anthropic = new TokenUsage(100L, 50L, 1_000L, 10L, false);
		this.metrics.record("anthropic", "claude-sonnet-4", null, 1.5, anthropic, 0.01, null);
		DistributionSummary input = tokens("anthropic", "claude-sonnet-4", "input");
		DistributionSummary output = tokens("anthropic", "claude-sonnet-4", "output");
		assertThat(input.count()).isOne();
		assertThat(input.totalAmount()).isEqualTo(1_110);
		assertThat(output.totalAmount()).isEqualTo(50);
		assertThat(input.getId().getBaseUnit()).isEqualTo("{token}");
		assertThat(input.getId().getTag(MicrometerLlmMetrics.OPERATION)).isEqualTo("chat");
	}

	@Test
	void openAiInputTokensAreNotCountedTwice() {
		TokenUsage openAi = new TokenUsage(1_000L, 10L, 800L, null, true);
		this.metrics.record("openai", "gpt-4o", null, 0.5, openAi, null, null);
		assertThat(tokens("openai", "gpt-4o", "input").totalAmount()).isEqualTo(1_000);
	}

	@Test
	void durationIsTaggedWithTheErrorType() {
		this.metrics.record("openai", "gpt-4o", null, 0.25, null, null, null);
		this.metrics.record("openai", "gpt-4o", null, 2.0, null, null, "java.net.SocketTimeoutException");
		Timer ok = duration("openai", "gpt-4o", MicrometerLlmMetrics.NONE);
		Timer failed = duration("openai", "gpt-4o", "java.net.SocketTimeoutException");
		assertThat(ok.count()).isOne();
		assertThat(ok.totalTime(TimeUnit.SECONDS)).isCloseTo(0.25, within(1e-9));
		assertThat(failed.count()).isOne();
		assertThat(failed.totalTime(TimeUnit.SECONDS)).isCloseTo(2.0, within(1e-9));
		assertThat(ok.getId().getTag(MicrometerLlmMetrics.OPERATION)).isEqualTo("chat");
	}

	@Test
	void costIsCountedByAgent() {
		this.metrics.record("anthropic", "claude-sonnet-4", "planner", 1.0, null, 0.25, null);
		this.metrics.record("anthropic", "claude-sonnet-4", "planner", 1.0, null, 0.5, null);
		this.metrics.record("anthropic", "claude-sonnet-4", null, 1.0, null, 0.125, null);
		assertThat(cost("anthropic", "claude-sonnet-4", "planner").count()).isCloseTo(0.75, within(1e-12));
		assertThat(cost("anthropic", "claude-sonnet-4", MicrometerLlmMetrics.NONE).count()).isEqualTo(0.125);
		assertThat(cost("anthropic", "claude-sonnet-4", "planner").getId().getBaseUnit()).isEqualTo("usd");
	}

	@Test
	void unknownCostAndMissingUsageRecordOnlyTheDuration() {
		this.metrics.record("acme", "acme-llm", "planner", 1.0, null, null, null);
		assertThat(this.registry.find(MicrometerLlmMetrics.COST).meters()).isEmpty();
		assertThat(this.registry.find(MicrometerLlmMetrics.TOKEN_USAGE).meters()).isEmpty();
		assertThat(duration("acme", "acme-llm", MicrometerLlmMetrics.NONE).count()).isOne();
	}

	@Test
	void usageWithoutCountsRecordsNoTokens() {
		this.metrics.record("acme", "acme-llm", null, 1.0, new TokenUsage(null, null, null, null, false), null, null);
		assertThat(this.registry.find(MicrometerLlmMetrics.TOKEN_USAGE).meters()).isEmpty();
	}

	@Test
	void metersAreReused() {
		TokenUsage usage = new TokenUsage(10L, 5L, null, null, false);
		this.metrics.record("openai", "gpt-4o", "planner", 1.0, usage, 0.001, null);
		int meters = this.registry.getMeters().size();
		for (int i = 0; i < 10; i++) {
			this.metrics.record("openai", "gpt-4o", "planner", 1.0, usage, 0.001, null);
		}
		assertThat(this.registry.getMeters()).hasSize(meters);
		assertThat(tokens("openai", "gpt-4o", "input").count()).isEqualTo(11);
	}

	private DistributionSummary tokens(String provider, String model, String type) {
		return this.registry.get(MicrometerLlmMetrics.TOKEN_USAGE)
			.tag(MicrometerLlmMetrics.PROVIDER, provider)
			.tag(MicrometerLlmMetrics.MODEL, model)
			.tag(MicrometerLlmMetrics.TOKEN_TYPE, type)
			.summary();
	}

	private Timer duration(String provider, String model, String errorType) {
		return this.registry.get(MicrometerLlmMetrics.OPERATION_DURATION)
			.tag(MicrometerLlmMetrics.PROVIDER, provider)
			.tag(MicrometerLlmMetrics.MODEL, model)
			.tag(MicrometerLlmMetrics.ERROR_TYPE, errorType)
			.timer();
	}

	private Counter cost(String provider, String model, String agent) {
		return this.registry.get(MicrometerLlmMetrics.COST)
			.tag(MicrometerLlmMetrics.PROVIDER, provider)
			.tag(MicrometerLlmMetrics.MODEL, model)
			.tag(MicrometerLlmMetrics.AGENT, agent)
			.counter();
	}

}
