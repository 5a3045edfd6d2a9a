package com.runcascade.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

import com.runcascade.tracing.support.ContentFormatter;

/**
 * {@link ContentFormatter}, which writes every captured argument, result, prompt and completion:
 * a typical tool result and tool arguments as JSON (against plain Jackson), a string under the
 * limit, a long string cut to the limit, and a large result cut to the limit. The limit is the
 * default {@code cascade.max-attribute-length} of 16 KB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
@State(Scope.Benchmark)
public class ContentFormatterBenchmark {

	final ContentFormatter formatter = new ContentFormatter(true, TracingFixture.DEFAULT_MAX_LENGTH);

	/** Plain Jackson 3, as a baseline for writing the same value. */
	final JsonMapper jackson = JsonMapper.builder().build();

	/** A typical tool result: a handful of flights, about 740 characters of JSON. */
	final List<FlightTools.Leg> toolResult = FlightTools.itinerary(5).legs();

	final String[] argumentNames = { "origin", "destination", "limit" };

	final Object[] arguments = { "JFK", "NRT", 2 };

	final String shortText = "The round trip costs 1,842.50 USD in economy, aisle seats included.";

	/** Six times the limit. */
	final String longText = "lorem ipsum dolor sit amet ".repeat(6 * TracingFixture.DEFAULT_MAX_LENGTH / 27);

	/** A large result whose JSON is about 45 times the limit, past the formatter's hard cap (4 times). */
	final List<FlightTools.Leg> largeResult = FlightTools.itinerary(5_000).legs();

	/** The head of {@link #largeResult} whose JSON just fits the limit: what the attribute keeps. */
	List<FlightTools.Leg> largeResultHead;

	@Setup(Level.Trial)
	public void setUp() {
		int fits = 0;
		while (this.jackson.writeValueAsString(this.largeResult.subList(0, fits + 1))
			.length() <= TracingFixture.DEFAULT_MAX_LENGTH) {
			fits++;
		}
		this.largeResultHead = List.copyOf(this.largeResult.subList(0, fits));
		String json = this.formatter.toJson(this.toolResult);
		if (!json.equals(this.jackson.writeValueAsString(this.toolResult))) {
			throw new IllegalStateException("The formatter should write plain JSON for a small value: " + json);
		}
		int largeLength = this.jackson.writeValueAsString(this.largeResult).length();
		if (largeLength < 30 * TracingFixture.DEFAULT_MAX_LENGTH || !this.formatter.toJson(this.largeResult)
			.endsWith("original length over " + 4 * TracingFixture.DEFAULT_MAX_LENGTH + " chars]")) {
			throw new IllegalStateException("The large result should be cut, was " + largeLength + " chars");
		}
		if (!this.formatter.truncate(this.longText).contains("[truncated by Cascade")) {
			throw new IllegalStateException("The long text should be cut");
		}
	}

	@Benchmark
	public String toolResultJackson() {
		return this.jackson.writeValueAsString(this.toolResult);
	}

	@Benchmark
	public String toolResultToJson() {
		return this.formatter.toJson(this.toolResult);
	}

	@Benchmark
	public String toolArgumentsJson() {
		return this.formatter.argumentsJson(this.argumentNames, this.arguments);
	}

	@Benchmark
	public String shortStringToJson() {
		return this.formatter.toJson(this.shortText);
	}

	@Benchmark
	public String longStringTruncate() {
		return this.formatter.truncate(this.longText);
	}

	@Benchmark
	public String largeResultToJson() {
		return this.formatter.toJson(this.largeResult);
	}

	/** Plain Jackson writing only the part of the large result the attribute keeps: a lower bound. */
	@Benchmark
	public String largeResultHeadJackson() {
		return this.jackson.writeValueAsString(this.largeResultHead);
	}

}
