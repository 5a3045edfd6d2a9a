package com.runcascade.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.runcascade.tracing.support.ContentFormatter;

/**
 * What redaction adds to every captured string: {@code ContentFormatter.truncate} of text of
 * {@code kilobytes} KB, without redaction (the baseline), with the built-in secret patterns (the
 * default), and with every preset on as well. The text is ordinary prose with numbers, dates and
 * punctuation; {@code withSecret} variants carry one API key in the middle. Divide by
 * {@code kilobytes} for the cost per KB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
@State(Scope.Benchmark)
public class RedactionBenchmark {

	@Param({ "1", "16" })
	public int kilobytes;

	final ContentFormatter none = new ContentFormatter(true, TracingFixture.DEFAULT_MAX_LENGTH, (text) -> text);

	final ContentFormatter secrets = new ContentFormatter(true, TracingFixture.DEFAULT_MAX_LENGTH);

	final ContentFormatter everything = new ContentFormatter(true, TracingFixture.DEFAULT_MAX_LENGTH,
			ContentFormatter.redaction(true, List.of("email", "credit-card", "phone", "ip"), List.of(), "[REDACTED]",
					List.of()));

	String clean;

	String withSecret;

	@Setup
	public void setUp() {
		String sentence = "Flight NH 9 leaves JFK at 10:45 on 2026-03-01, gate B22, 1,842.50 USD for 2 adults; ";
		StringBuilder text = new StringBuilder();
		while (text.length() < this.kilobytes * 1024) {
			text.append(sentence);
		}
		this.clean = text.substring(0, this.kilobytes * 1024);
		int middle = this.clean.length() / 2;
		this.withSecret = this.clean.substring(0, middle) + " sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx "
				+ this.clean.substring(middle + 40);
		if (!this.secrets.truncate(this.clean).equals(this.clean)
				|| !this.secrets.truncate(this.withSecret).contains("[REDACTED]")
				|| !this.everything.truncate(this.clean).equals(this.clean)) {
			throw new IllegalStateException("Redaction should leave the prose alone and catch the key");
		}
	}

	@Benchmark
	public String noRedaction() {
		return this.none.truncate(this.clean);
	}

	@Benchmark
	public String secretsClean() {
		return this.secrets.truncate(this.clean);
	}

	@Benchmark
	public String secretsWithSecret() {
		return this.secrets.truncate(this.withSecret);
	}

	@Benchmark
	public String allPresetsClean() {
		return this.everything.truncate(this.clean);
	}

	@Benchmark
	public String allPresetsWithSecret() {
		return this.everything.truncate(this.withSecret);
	}

}
