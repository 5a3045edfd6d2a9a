package com.runcascade.tracing.annotation;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.AopTestUtils;

import com.runcascade.tracing.Function;
import com.runcascade.tracing.InMemoryTracing;
import com.runcascade.tracing.Tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A corpus of hostile arguments, results and exceptions sent through a real {@code @Tool} and
 * {@code @Function} aspect. For each: the caller sees exactly what it sees untraced (the same
 * object, the same exception), and the span ends and stays small.
 */
class HostileValuesTests {

	/** Small, so the size bounds below mean something. */
	private static final int LIMIT = 4096;

	/** Room for the truncation marker and the placeholders' own text. */
	private static final int SLACK = 200;

	private final ApplicationContextRunner contextRunner = InMemoryTracing.contextRunner()
		.withPropertyValues("cascade.max-attribute-length=" + LIMIT + "B")
		.withUserConfiguration(HostileConfiguration.class);

	static Stream<Arguments> hostileValues() {
		return Stream.of(corpus()).map((entry) -> Arguments.of(entry.name, entry.value));
	}

	private static Case[] corpus() {
		return new Case[] { new Case("cyclic graph", HostileValuesTests::cycle),
				new Case("getter throwing RuntimeException", () -> new Throwing(new IllegalStateException("getter"))),
				new Case("getter throwing AssertionError", () -> new Throwing(new AssertionError("getter"))),
				new Case("getter throwing NoClassDefFoundError", () -> new Throwing(new NoClassDefFoundError("Gone"))),
				new Case("getter throwing StackOverflowError", () -> new Throwing(new StackOverflowError())),
				new Case("getter throwing a huge exception message",
						() -> new Throwing(new IllegalStateException("m".repeat(10_000_000)))),
				new Case("50 MB string", () -> "s".repeat(50 * 1024 * 1024)),
				new Case("10,000-deep nesting", () -> nested(10_000)),
				new Case("10 MB byte[]", () -> new byte[10 * 1024 * 1024]),
				new Case("stream", () -> IntStream.range(0, 10).boxed()),
				new Case("input stream", () -> new ByteArrayInputStream(new byte[] { 1, 2, 3 })),
				new Case("map with a null key", HostileValuesTests::nullKeyMap),
				new Case("CharSequence whose toString throws", ThrowingText::new),
				new Case("huge list", () -> new ArrayList<>(java.util.Collections.nCopies(1_000_000, "item"))),
				new Case("array of hostile values",
						() -> new Object[] { cycle(), new Throwing(new AssertionError()), nullKeyMap() }),
				new Case("null", () -> null) };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileValues")
	void aHostileArgumentAndResultReachTheCallerUnchangedAndTheSpanEndsSmall(String name, Supplier<Object> values) {
		this.contextRunner.run((context) -> {
			HostileTools tools = context.getBean(HostileTools.class);
			HostileTools untraced = AopTestUtils.getUltimateTargetObject(tools);
			Object value = values.get();
			assertThat(untraced.echo(value)).isSameAs(value);
			assertThat(tools.echo(value)).isSameAs(value);
			assertThat(tools.helper(value)).isSameAs(value);
			List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
			assertThat(spans).extracting(SpanData::getName).containsExactly("echo", "helper");
			assertThat(spans).allSatisfy((span) -> {
				assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
				assertSmall(span);
			});
		});
	}

	@Test
	void aStreamResultIsNotConsumedByCapture() {
		this.contextRunner.run((context) -> {
			Stream<Integer> stream = IntStream.range(0, 10).boxed();
			@SuppressWarnings("unchecked")
			Stream<Integer> returned = (Stream<Integer>) context.getBean(HostileTools.class).echo(stream);
			assertThat(returned.mapToInt(Integer::intValue).sum()).isEqualTo(45);
			InputStream in = new ByteArrayInputStream(new byte[] { 1, 2, 3 });
			context.getBean(HostileTools.class).echo(in);
			assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
		});
	}

	static Stream<Arguments> hostileExceptions() {
		return Stream.of(Arguments.of("10 MB message", (Supplier<Throwable>) () -> new IllegalStateException("x".repeat(10_000_000))),
				Arguments.of("getMessage() throws", (Supplier<Throwable>) ThrowingMessage::new),
				Arguments.of("getMessage() throws an Error", (Supplier<Throwable>) () -> new ThrowingMessage(new AssertionError("boom"))),
				Arguments.of("cyclic causes", (Supplier<Throwable>) HostileValuesTests::cyclicCauses),
				Arguments.of("an Error", (Supplier<Throwable>) () -> new AssertionError("tool broke")),
				Arguments.of("deep cause chain", (Supplier<Throwable>) HostileValuesTests::deepCauses),
				Arguments.of("100,000 frames", (Supplier<Throwable>) HostileValuesTests::manyFrames),
				Arguments.of("many suppressed", (Supplier<Throwable>) HostileValuesTests::manySuppressed));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileExceptions")
	void aHostileExceptionReachesTheCallerUnchangedAndTheSpanEndsSmall(String name, Supplier<Throwable> errors) {
		this.contextRunner.run((context) -> {
			HostileTools tools = context.getBean(HostileTools.class);
			Throwable error = errors.get();
			assertThat(catchThrowable(() -> AopTestUtils.<HostileTools>getUltimateTargetObject(tools).raise(error)))
				.isSameAs(error);
			assertThat(catchThrowable(() -> tools.raise(error))).isSameAs(error);
			CompletableFuture<Object> future = tools.failLater(error);
			assertThat(catchThrowable(future::get)).isInstanceOf(ExecutionException.class).cause().isSameAs(error);
			List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
			assertThat(spans).extracting(SpanData::getName).containsExactly("raise", "failLater");
			assertThat(spans).allSatisfy((span) -> {
				assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
				assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
				assertSmall(span);
			});
		});
	}

	@Test
	void captureCallsEachGetterOnceForTheArgumentAndOnceForTheResult() {
		this.contextRunner.run((context) -> {
			Counted counted = new Counted();
			context.getBean(HostileTools.class).echo(counted);
			assertThat(counted.calls).hasValue(2);
		});
	}

	@Test
	void aCycleCostsABoundedNumberOfGetterCalls() {
		this.contextRunner.run((context) -> {
			CountedNode node = new CountedNode();
			node.next = node;
			context.getBean(HostileTools.class).echo(node);
			// Jackson's own limit would let a cycle run 1,000 levels deep (twice: argument and result).
			assertThat(node.calls.get()).isLessThanOrEqualTo(2 * 64);
		});
	}

	@Test
	void oneBadArgumentDoesNotHideTheOthers() {
		this.contextRunner.run((context) -> {
			context.getBean(HostileTools.class).two("visible", new Throwing(new AssertionError()));
			SpanData span = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems().get(0);
			assertThat(InMemoryTracing.attr(span, "tool.input")).startsWith("{\"first\":\"visible\",\"second\":\"<unserializable ")
				.endsWith("AssertionError>\"}");
		});
	}

	@Test
	void randomCompositionsOfHostileValuesNeverReachTheCaller() {
		this.contextRunner.run((context) -> {
			HostileTools tools = context.getBean(HostileTools.class);
			Random random = new Random(20261127L);
			for (int i = 0; i < 300; i++) {
				Object value = randomValue(random, 0);
				assertThat(tools.echo(value)).isSameAs(value);
			}
			List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
			assertThat(spans).hasSize(300).allSatisfy(HostileValuesTests::assertSmall);
		});
	}

	private static Object randomValue(Random random, int depth) {
		int pick = random.nextInt((depth > 4) ? 6 : 9);
		return switch (pick) {
			case 0 -> cycle();
			case 1 -> new Throwing(new AssertionError("r"));
			case 2 -> new Throwing(new IllegalArgumentException("r".repeat(random.nextInt(20_000))));
			case 3 -> nullKeyMap();
			case 4 -> "t".repeat(random.nextInt(10_000));
			case 5 -> new byte[random.nextInt(20_000)];
			case 6 -> {
				List<Object> list = new ArrayList<>();
				for (int j = random.nextInt(5); j > 0; j--) {
					list.add(randomValue(random, depth + 1));
				}
				yield list;
			}
			case 7 -> {
				Map<String, Object> map = new HashMap<>();
				for (int j = random.nextInt(5); j > 0; j--) {
					map.put("k" + j, randomValue(random, depth + 1));
				}
				yield map;
			}
			default -> nested(random.nextInt(200));
		};
	}

	/** Every recorded string is bounded; so is the whole span. */
	private static void assertSmall(SpanData span) {
		List<Integer> sizes = new ArrayList<>();
		collect(span.getAttributes(), sizes);
		for (EventData event : span.getEvents()) {
			collect(event.getAttributes(), sizes);
		}
		sizes.add(span.getStatus().getDescription().length());
		assertThat(sizes).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(LIMIT + SLACK));
		assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isLessThan(8 * (LIMIT + SLACK));
	}

	private static void collect(Attributes attributes, List<Integer> sizes) {
		attributes.forEach((key, value) -> sizes.add(String.valueOf(value).length()));
	}

	private static Node cycle() {
		Node a = new Node();
		Node b = new Node();
		a.next = b;
		b.next = a;
		return a;
	}

	private static List<Object> nested(int depth) {
		List<Object> root = new ArrayList<>();
		List<Object> current = root;
		for (int i = 0; i < depth; i++) {
			List<Object> child = new ArrayList<>();
			current.add(child);
			current = child;
		}
		return root;
	}

	private static Map<String, Object> nullKeyMap() {
		Map<String, Object> map = new HashMap<>();
		map.put(null, "value");
		map.put("key", null);
		return map;
	}

	private static Throwable cyclicCauses() {
		IllegalStateException a = new IllegalStateException("a");
		IllegalArgumentException b = new IllegalArgumentException("b", a);
		a.initCause(b);
		return a;
	}

	private static Throwable deepCauses() {
		Throwable error = new IllegalStateException("root");
		for (int i = 0; i < 10_000; i++) {
			error = new RuntimeException("level " + i, error);
		}
		return error;
	}

	private static Throwable manyFrames() {
		IllegalStateException error = new IllegalStateException("deep");
		StackTraceElement[] frames = new StackTraceElement[100_000];
		Arrays.setAll(frames, (i) -> new StackTraceElement("com.example.Deep", "m" + i, "Deep.java", i));
		error.setStackTrace(frames);
		return error;
	}

	private static Throwable manySuppressed() {
		IllegalStateException error = new IllegalStateException("main");
		for (int i = 0; i < 10_000; i++) {
			error.addSuppressed(new RuntimeException("suppressed " + i));
		}
		return error;
	}

	private record Case(String name, Supplier<Object> value) {
	}

	@Configuration(proxyBeanMethods = false)
	static class HostileConfiguration {

		@Bean
		HostileTools hostileTools() {
			return new HostileTools();
		}

	}

	static class HostileTools {

		@Tool(description = "Returns its argument.")
		public Object echo(Object value) {
			return value;
		}

		@Function
		public Object helper(Object value) {
			return value;
		}

		@Tool
		public String two(String first, Object second) {
			return first;
		}

		@Tool
		public Object raise(Throwable error) throws Throwable {
			throw error;
		}

		@Tool
		public CompletableFuture<Object> failLater(Throwable error) {
			return CompletableFuture.failedFuture(error);
		}

	}

	public static class Node {

		Node next;

		public Node getNext() {
			return this.next;
		}

	}

	public static class Throwing {

		private final Throwable error;

		Throwing(Throwable error) {
			this.error = error;
		}

		public String getValue() throws Throwable {
			throw this.error;
		}

	}

	public static class CountedNode {

		final AtomicInteger calls = new AtomicInteger();

		CountedNode next;

		public CountedNode getNext() {
			this.calls.incrementAndGet();
			return this.next;
		}

	}

	public static class Counted {

		final AtomicInteger calls = new AtomicInteger();

		public String getValue() {
			this.calls.incrementAndGet();
			return "v";
		}

	}

	static final class ThrowingText implements CharSequence {

		@Override
		public int length() {
			throw new AssertionError("length");
		}

		@Override
		public char charAt(int index) {
			throw new AssertionError("charAt");
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			throw new AssertionError("subSequence");
		}

		@Override
		public String toString() {
			throw new AssertionError("toString");
		}

	}

	static final class ThrowingMessage extends RuntimeException {

		private final Throwable thrown;

		ThrowingMessage() {
			this(new IllegalStateException("getMessage failed"));
		}

		ThrowingMessage(Throwable thrown) {
			this.thrown = thrown;
		}

		@Override
		public String getMessage() {
			if (this.thrown instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) this.thrown;
		}

	}

}
