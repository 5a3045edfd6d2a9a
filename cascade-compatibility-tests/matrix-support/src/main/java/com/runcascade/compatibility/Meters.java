package com.runcascade.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationContext;

/**
 * The LLM meters of an application, read from its {@code MeterRegistry} bean or from a Prometheus
 * scrape: tokens (Spring AI's {@code gen_ai.client.token.usage} counter and Cascade's summary of
 * the same name, both counted), latency samples (Spring AI's {@code gen_ai.client.operation} timer
 * and Cascade's {@code gen_ai.client.operation.duration}, both counted) and Cascade's cost. Each
 * LLM request must show up once in each: the matrix compares differences before and after a
 * request with its LLM spans. Only loaded on class paths with Micrometer.
 */
final class Meters {

	static final String TOKENS = "gen_ai.client.token.usage";

	static final String TOKEN_TYPE = "gen_ai.token.type";

	static final List<String> LATENCY = List.of("gen_ai.client.operation", "gen_ai.client.operation.duration");

	static final String COST = "cascade.llm.cost";

	/**
	 * Token totals: Spring AI's counter ({@code gen_ai_client_token_usage_total}) and Cascade's
	 * summary, whose unit {@code {token}} Prometheus writes into its name
	 * ({@code gen_ai_client_token_usage__token__sum}).
	 */
	private static final Pattern TOKEN_SERIES = Pattern.compile("gen_ai_client_token_usage(_\\w*)?_(total|sum)");

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(\\{(.*)\\})?\\s+(\\S+)");

	private Meters() {
	}

	static Reading read(ApplicationContext context) {
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		double input = 0;
		double output = 0;
		long latency = 0;
		double cost = 0;
		List<String> meters = new ArrayList<>();
		for (Meter meter : registry.getMeters()) {
			String name = meter.getId().getName();
			if (name.startsWith("gen_ai.") || name.startsWith("cascade.llm")) {
				meters.add(meter.getId().getType() + " " + name + meter.getId().getTags());
			}
			if (name.equals(TOKENS)) {
				String type = meter.getId().getTag(TOKEN_TYPE);
				double amount = (meter instanceof Counter counter) ? counter.count()
						: (meter instanceof DistributionSummary summary) ? summary.totalAmount() : 0;
				if ("input".equals(type)) {
					input += amount;
				}
				else if ("output".equals(type)) {
					output += amount;
				}
			}
			else if (LATENCY.contains(name) && meter instanceof Timer timer) {
				latency += timer.count();
			}
			else if (name.equals(COST) && meter instanceof Counter counter) {
				cost += counter.count();
			}
		}
		return new Reading(input, output, latency, cost, String.join("\n", meters));
	}

	/** The same figures from the text a Prometheus scrape returns. */
	static Reading readPrometheus(String scrape) {
		double input = 0;
		double output = 0;
		long latency = 0;
		double cost = 0;
		List<String> series = new ArrayList<>();
		for (String line : scrape.split("\\R")) {
			Matcher sample = SAMPLE.matcher(line);
			if (line.startsWith("#") || !sample.find()) {
				continue;
			}
			String name = sample.group(1);
			String labels = (sample.group(3) != null) ? sample.group(3) : "";
			double value = Double.parseDouble(sample.group(4));
			if (name.startsWith("gen_ai_") || name.startsWith("cascade_llm")) {
				series.add(line);
			}
			if (TOKEN_SERIES.matcher(name).matches()) {
				if (labels.contains("gen_ai_token_type=\"input\"")) {
					input += value;
				}
				else if (labels.contains("gen_ai_token_type=\"output\"")) {
					output += value;
				}
			}
			else if (name.equals("gen_ai_client_operation_seconds_count")
					|| name.equals("gen_ai_client_operation_duration_seconds_count")) {
				latency += (long) value;
			}
			else if (name.startsWith("cascade_llm_cost") && name.endsWith("_total")) {
				cost += value;
			}
		}
		return new Reading(input, output, latency, cost, String.join("\n", series));
	}

	/**
	 * @param inputTokens input tokens counted
	 * @param outputTokens output tokens counted
	 * @param latencySamples LLM latency samples recorded
	 * @param cost cost counted, in USD
	 * @param meters the meters read, for failure messages
	 */
	record Reading(double inputTokens, double outputTokens, long latencySamples, double cost, String meters) {

		Reading minus(Reading before) {
			return new Reading(this.inputTokens - before.inputTokens, this.outputTokens - before.outputTokens,
					this.latencySamples - before.latencySamples, this.cost - before.cost, this.meters);
		}

	}

}
