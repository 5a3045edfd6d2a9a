package com.runcascade.benchmarks;

import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;


/**
 * LLM calls are rare, so Cascade's wrapper mostly runs before the JIT has compiled it. Each
 * invocation is one {@code messages().create(params)} on a stub that answers after 1 ms, in a fresh
 * JVM: 500 single calls of warm-up, then 100 measured calls (JMH's single-shot mode, one call per
 * iteration). {@code raw} is the stub itself, {@code wrapped} the same through
 * {@code CascadeTracer.wrapLlmClient} with content capture on; the ratio of the two is the cold
 * overhead on a realistic call. With {@code stubMicros=0} the stub answers at once, which shows the
 * wrapper's own cold cost without the stub's sleep and its jitter.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 500, batchSize = 1)
@Measurement(iterations = 100, batchSize = 1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class AnthropicColdBenchmark {

	/** The stub, raw or wrapped, made once per fork. */
	@State(Scope.Benchmark)
	public static class Client {

		@Param({ "raw", "wrapped" })
		String client;

		/** How long the stub takes to answer: 1 ms, or 0 to see the wrapper's own cold cost. */
		@Param({ "1000", "0" })
		long stubMicros;

		/** Content capture; {@code -p captureContent=false} splits the cold cost into capture and the rest. */
		@Param({ "true" })
		boolean captureContent;

		TracingFixture tracing;

		AnthropicClient anthropic;

		final MessageCreateParams params = FakeAnthropic.request();

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(this.captureContent);
			AnthropicClient stub = new FakeAnthropic.Client(TimeUnit.MICROSECONDS.toNanos(this.stubMicros));
			this.anthropic = switch (this.client) {
				case "raw" -> stub;
				case "wrapped" -> this.tracing.tracer.wrapLlmClient(stub);
				default -> throw new IllegalArgumentException("client: raw or wrapped, was " + this.client);
			};
			if (this.client.equals("wrapped") != Proxy.isProxyClass(this.anthropic.getClass())) {
				throw new IllegalStateException("The wrapped client should be traced, the raw one not");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	@Benchmark
	public Message create(Client client) {
		return client.anthropic.messages().create(client.params);
	}

}
