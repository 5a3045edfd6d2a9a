package com.runcascade.benchmarks;

import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.services.blocking.ModelService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.jspecify.annotations.Nullable;
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

import com.runcascade.tracing.llm.LlmMetrics;

/**
 * An Anthropic SDK client wrapped by the application's tracer ({@code CascadeTracer.wrapLlmClient},
 * what {@code Cascade.wrapLlmClient} calls), around an in-process fake
 * whose {@code messages().create(params)} returns a prepared message, against the fake called
 * directly. Also calls the proxy passes through untraced.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class AnthropicClientBenchmark {

	/** The requests, made once. */
	@State(Scope.Thread)
	public static class Requests {

		final MessageCreateParams create = FakeAnthropic.request();

		final MessageCountTokensParams countTokens = FakeAnthropic.countRequest();

		/** 60 earlier exchanges, about 93 KB of text: almost 6 times the attribute limit. */
		final MessageCreateParams longConversation = FakeAnthropic.longRequest(60);

	}

	/** The fake client itself. */
	@State(Scope.Benchmark)
	public static class Direct {

		final AnthropicClient client = new FakeAnthropic.Client();

	}

	/** The fake client wrapped by Cascade, with content capture on or off. */
	@State(Scope.Benchmark)
	public static class Traced {

		@Param({ "true", "false" })
		boolean captureContent;

		/**
		 * {@code none}: no meter registry, so no metrics; {@code micrometer}: a {@link SimpleMeterRegistry}
		 * bean, on which the auto-configuration records the GenAI metrics.
		 */
		@Param({ "none", "micrometer" })
		String metrics;

		TracingFixture tracing;

		AnthropicClient client;

		@Setup(Level.Trial)
		public void setUp() {
			boolean micrometer = switch (this.metrics) {
				case "none" -> false;
				case "micrometer" -> true;
				default -> throw new IllegalArgumentException("metrics: none or micrometer, was " + this.metrics);
			};
			this.tracing = new TracingFixture(this.captureContent, (context) -> {
				if (micrometer) {
					context.registerBean(SimpleMeterRegistry.class);
				}
			});
			if (this.tracing.hasBean(LlmMetrics.class) != micrometer) {
				throw new IllegalStateException("The LLM metrics should be " + this.metrics);
			}
			this.client = this.tracing.tracer.wrapLlmClient((AnthropicClient) new FakeAnthropic.Client());
			this.client.messages().create(FakeAnthropic.request());
			this.tracing.expectLastSpan("llm." + FakeAnthropic.MODEL, "llm.completion", this.captureContent);
			ReadableSpan span = this.tracing.spans.last();
			if (span == null || span.getAttribute(AttributeKey.doubleKey("llm.cost_usd")) == null) {
				throw new IllegalStateException("The LLM span should have a cost");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	/**
	 * The fake client wrapped by Cascade with content capture on and no metrics, for the calls it
	 * passes on untraced and for the long conversation.
	 */
	@State(Scope.Benchmark)
	public static class Wrapped {

		TracingFixture tracing;

		AnthropicClient client;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = new TracingFixture(true);
			this.client = this.tracing.tracer.wrapLlmClient((AnthropicClient) new FakeAnthropic.Client());
			this.client.messages().countTokens(FakeAnthropic.countRequest());
			this.client.models();
			if (this.tracing.spans.ended() != 0 || !Proxy.isProxyClass(this.client.getClass())) {
				throw new IllegalStateException("Pass-through calls should reach a traced client and not be traced");
			}
			this.client.messages().create(new Requests().longConversation);
			this.tracing.expectLastSpan("llm." + FakeAnthropic.MODEL, "llm.messages", true);
			ReadableSpan span = this.tracing.spans.last();
			String messages = (span != null) ? span.getAttribute(AttributeKey.stringKey("llm.messages")) : null;
			if (messages == null || !messages.contains("[truncated by Cascade")) {
				throw new IllegalStateException("The long conversation should be cut in llm.messages");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	@Benchmark
	public Message createDirect(Direct direct, Requests requests) {
		return direct.client.messages().create(requests.create);
	}

	@Benchmark
	public Message createTraced(Traced traced, Requests requests) {
		return traced.client.messages().create(requests.create);
	}

	/**
	 * A long conversation with content capture on (the default): the whole history is read into
	 * {@code llm.prompt} and {@code llm.messages} on every call. No metrics.
	 */
	@Benchmark
	public Message createLongConversationTraced(Wrapped traced, Requests requests) {
		return traced.client.messages().create(requests.longConversation);
	}

	@Benchmark
	public Message createLongConversationDirect(Direct direct, Requests requests) {
		return direct.client.messages().create(requests.longConversation);
	}

	/** An untraced method of the message service: the traced client's proxy and the service's proxy pass it on. */
	@Benchmark
	public MessageTokensCount countTokensDirect(Direct direct, Requests requests) {
		return direct.client.messages().countTokens(requests.countTokens);
	}

	@Benchmark
	public MessageTokensCount countTokensTraced(Wrapped traced, Requests requests) {
		return traced.client.messages().countTokens(requests.countTokens);
	}

	/** An untraced method of the client: one proxy hop. */
	@Benchmark
	public @Nullable ModelService modelsDirect(Direct direct) {
		return direct.client.models();
	}

	@Benchmark
	public @Nullable ModelService modelsTraced(Wrapped traced) {
		return traced.client.models();
	}

}
