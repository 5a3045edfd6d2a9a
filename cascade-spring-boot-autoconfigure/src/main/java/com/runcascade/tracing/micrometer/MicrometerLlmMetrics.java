package com.runcascade.tracing.micrometer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;
import com.runcascade.tracing.llm.LlmMetrics;
import com.runcascade.tracing.llm.TokenUsage;

/**
 * GenAI client metrics in Micrometer, named and tagged after the OpenTelemetry GenAI semantic
 * conventions, plus the cost of the calls:
 * <ul>
 * <li>{@code gen_ai.client.token.usage}: tokens per call, by provider, model, operation and token
 * type ({@code input}, cached tokens included, or {@code output}), unless another instrumentation
 * meters them;</li>
 * <li>{@code gen_ai.client.operation.duration}: call duration, by provider, model, operation and error
 * type, unless another instrumentation times the call (Boot's meter handler times Spring AI's
 * {@code gen_ai.client.operation} observation): one latency series per request;</li>
 * <li>{@code cascade.llm.cost}: cost in USD of the calls whose model has a price, by provider, model
 * and agent.</li>
 * </ul>
 * Meters are created on first use and kept, so recording a call costs a few map reads.
 */
public final class MicrometerLlmMetrics implements LlmMetrics {

	static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	public static final String COST = "cascade.llm.cost";

	static final String PROVIDER = CascadeAttributes.GEN_AI_PROVIDER_NAME.getKey();

	static final String MODEL = CascadeAttributes.GEN_AI_REQUEST_MODEL.getKey();

	static final String OPERATION = CascadeAttributes.GEN_AI_OPERATION_NAME.getKey();

	static final String TOKEN_TYPE = "gen_ai.token.type";

	static final String ERROR_TYPE = "error.type";

	static final String AGENT = CascadeAttributes.AGENT_NAME.getKey();

	/** Tag value when there is no agent or no error. */
	static final String NONE = "none";

	private static final String CHAT = "chat";

	/** Meters are kept for this many tag combinations per metric; past it, the registry is asked each time. */
	private static final int MAX_CACHED_METERS = 1000;

	private final MeterRegistry registry;

	private final ConcurrentHashMap<MeterKey, DistributionSummary> tokenUsage = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<MeterKey, Timer> durations = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<MeterKey, Counter> costs = new ConcurrentHashMap<>();

	public MicrometerLlmMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void record(String provider, String model, @Nullable String agentName, @Nullable Double durationSeconds,
			@Nullable TokenUsage usage, @Nullable Double costUsd, @Nullable String errorType) {
		if (usage != null) {
			Long input = inputTokens(usage);
			if (input != null) {
				meter(this.tokenUsage, new MeterKey(provider, model, "input"), this::tokenUsage).record(input);
			}
			if (usage.outputTokens() != null) {
				meter(this.tokenUsage, new MeterKey(provider, model, "output"), this::tokenUsage)
					.record(usage.outputTokens());
			}
		}
		if (durationSeconds != null) {
			meter(this.durations, new MeterKey(provider, model, (errorType != null) ? errorType : NONE), this::duration)
				.record((long) (durationSeconds * 1_000_000_000L), TimeUnit.NANOSECONDS);
		}
		if (costUsd != null) {
			meter(this.costs, new MeterKey(provider, model, (agentName != null) ? agentName : NONE), this::cost)
				.increment(costUsd);
		}
	}

	/** The semantic conventions count every input token, cached ones included. */
	private static @Nullable Long inputTokens(TokenUsage usage) {
		Long input = usage.inputTokens();
		if (input == null || usage.cacheIncludedInInput()) {
			return input;
		}
		long cached = ((usage.cacheReadTokens() != null) ? usage.cacheReadTokens() : 0)
				+ ((usage.cacheCreationTokens() != null) ? usage.cacheCreationTokens() : 0);
		return input + cached;
	}

	private static <M> M meter(ConcurrentHashMap<MeterKey, M> meters, MeterKey key, Function<MeterKey, M> create) {
		// A plain get first: computeIfAbsent may lock even when the meter exists.
		M meter = meters.get(key);
		if (meter != null) {
			return meter;
		}
		return (meters.size() < MAX_CACHED_METERS) ? meters.computeIfAbsent(key, create) : create.apply(key);
	}

	private DistributionSummary tokenUsage(MeterKey key) {
		return DistributionSummary.builder(TOKEN_USAGE)
			.description("Number of input and output tokens used")
			.baseUnit("{token}")
			.tag(PROVIDER, key.provider())
			.tag(MODEL, key.model())
			.tag(OPERATION, CHAT)
			.tag(TOKEN_TYPE, key.qualifier())
			.register(this.registry);
	}

	/**
	 * Successful calls are tagged {@code error.type=none} rather than left untagged: registries such
	 * as Prometheus drop meters whose tag keys differ from those of the same name.
	 */
	private Timer duration(MeterKey key) {
		return Timer.builder(OPERATION_DURATION)
			.description("Duration of GenAI operations")
			.tag(PROVIDER, key.provider())
			.tag(MODEL, key.model())
			.tag(OPERATION, CHAT)
			.tag(ERROR_TYPE, key.qualifier())
			.register(this.registry);
	}

	private Counter cost(MeterKey key) {
		return Counter.builder(COST)
			.description("Cost of LLM calls in USD, from the model prices Cascade knows")
			.baseUnit("usd")
			.tag(PROVIDER, key.provider())
			.tag(MODEL, key.model())
			.tag(AGENT, key.qualifier())
			.register(this.registry);
	}

	/**
	 * Tags of one meter.
	 * @param provider provider name
	 * @param model model name
	 * @param qualifier the token type, error type or agent, depending on the metric
	 */
	private record MeterKey(String provider, String model, String qualifier) {

	}

}
