package com.runcascade.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
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

import org.springframework.aop.support.AopUtils;

import com.runcascade.tracing.Tool;

/**
 * A {@link Tool @Tool} method called through the Spring AOP proxy Cascade's auto-configuration
 * makes (its tool advisor, applied by Boot's auto-proxy creator), as in an application, against the
 * plain method. A tool with small arguments and one with a larger
 * argument object, with {@code cascade.capture-content} on (arguments and result written as JSON)
 * and off.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class ToolAspectBenchmark {

	/** Legs of the larger argument: about 3 KB of JSON. */
	static final int LEGS = 20;

	/** The arguments, made once. */
	@State(Scope.Thread)
	public static class Arguments {

		final String origin = "JFK";

		final String destination = "NRT";

		final int limit = 2;

		final FlightTools.Itinerary itinerary = FlightTools.itinerary(LEGS);

	}

	/** The tools bean itself, no proxy. */
	@State(Scope.Benchmark)
	public static class Plain {

		final FlightTools tools = new FlightTools();

	}

	/** The tools bean behind a CGLIB proxy (Spring Boot's default) advised by Cascade's tool advisor. */
	@State(Scope.Benchmark)
	public static class Proxied {

		@Param({ "true", "false" })
		boolean captureContent;

		TracingFixture tracing;

		FlightTools tools;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = application(this.captureContent);
			this.tools = this.tracing.bean(FlightTools.class);
			Arguments arguments = new Arguments();
			this.tools.searchFlights(arguments.origin, arguments.destination, arguments.limit);
			this.tracing.expectLastSpan("searchFlights", "tool.input", this.captureContent);
			this.tools.priceItinerary(arguments.itinerary);
			this.tracing.expectLastSpan("PriceItinerary", "tool.output", this.captureContent);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	/** The same proxy, for the method without {@code @Tool}. */
	@State(Scope.Benchmark)
	public static class ProxiedUntraced {

		TracingFixture tracing;

		FlightTools tools;

		@Setup(Level.Trial)
		public void setUp() {
			this.tracing = application(true);
			this.tools = this.tracing.bean(FlightTools.class);
			this.tools.searchFlightsUntraced("JFK", "NRT", 2);
			if (!AopUtils.isCglibProxy(this.tools) || this.tracing.spans.ended() != 0) {
				throw new IllegalStateException("A method without @Tool should run through the proxy, untraced");
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.tracing.close();
		}

	}

	/**
	 * An observation current on the benchmark thread, as the HTTP server observation is within a
	 * request: Cascade then bridges each scope to an observation ({@code ObservationBridge}), so
	 * that observed calls inside the tool nest under it.
	 */
	@State(Scope.Thread)
	public static class EnclosingObservation {

		Observation request;

		Observation.Scope scope;

		@Setup(Level.Trial)
		public void open() {
			this.request = Observation.start("http.server.requests", ObservationRegistry.create());
			this.scope = this.request.openScope();
		}

		@TearDown(Level.Trial)
		public void close() {
			this.scope.close();
			this.request.stop();
		}

	}

	/**
	 * The tools bean proxied as in a Spring Boot application: a bean of the application, which
	 * Boot's AOP auto-configuration (CGLIB by default) proxies with the advisor of Cascade's
	 * auto-configuration.
	 */
	static TracingFixture application(boolean captureContent) {
		return new TracingFixture(captureContent, (context) -> context.registerBean(FlightTools.class));
	}

	@Benchmark
	public List<String> smallArgsPlain(Plain plain, Arguments arguments) {
		return plain.tools.searchFlights(arguments.origin, arguments.destination, arguments.limit);
	}

	@Benchmark
	public List<String> smallArgsTraced(Proxied proxied, Arguments arguments) {
		return proxied.tools.searchFlights(arguments.origin, arguments.destination, arguments.limit);
	}

	/** The same call within an enclosing observation (an HTTP request): with the observation bridge. */
	@Benchmark
	public List<String> smallArgsTracedInObservation(Proxied proxied, Arguments arguments,
			EnclosingObservation observation) {
		return proxied.tools.searchFlights(arguments.origin, arguments.destination, arguments.limit);
	}

	/** Through the same proxy but not advised: what Spring AOP costs without Cascade. */
	@Benchmark
	public List<String> smallArgsProxiedUntraced(ProxiedUntraced proxied, Arguments arguments) {
		return proxied.tools.searchFlightsUntraced(arguments.origin, arguments.destination, arguments.limit);
	}

	@Benchmark
	public FlightTools.Quote largeArgPlain(Plain plain, Arguments arguments) {
		return plain.tools.priceItinerary(arguments.itinerary);
	}

	@Benchmark
	public FlightTools.Quote largeArgTraced(Proxied proxied, Arguments arguments) {
		return proxied.tools.priceItinerary(arguments.itinerary);
	}

}
