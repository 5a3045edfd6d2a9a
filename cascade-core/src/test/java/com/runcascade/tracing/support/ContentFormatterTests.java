package com.runcascade.tracing.support;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContentFormatterTests {

	private final ContentFormatter formatter = new ContentFormatter(true, 64);

	@Test
	void shortValuesAreWrittenAsJson() {
		assertThat(this.formatter.toJson(Map.of("city", "Paris"))).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(this.formatter.toJson(List.of(1, 2))).isEqualTo("[1,2]");
		assertThat(this.formatter.toJson(null)).isEqualTo("null");
	}

	@Test
	void stringsAreKeptAsText() {
		assertThat(this.formatter.toJson("plain text")).isEqualTo("plain text");
	}

	@Test
	void argumentsBecomeAnObjectOfParameterNameToValue() {
		assertThat(this.formatter.argumentsJson(new String[] { "origin", "limit" }, new Object[] { "JFK", 3 }))
			.isEqualTo("{\"origin\":\"JFK\",\"limit\":3}");
	}

	@Test
	void argumentsAreWrittenExactlyAsJacksonWritesThem() {
		ContentFormatter wide = new ContentFormatter(true, 16 * 1024, (text) -> text);
		tools.jackson.databind.json.JsonMapper jackson = tools.jackson.databind.json.JsonMapper.builder().build();
		List<Object> values = List.of("JFK", "a/b", "quote \" and \\", "tab\tnew\nline\u0001", "caf\u00e9 \u2028",
				"x".repeat(300), 42, -7L, (short) 3, (byte) 1, true, 2.5, 1e300, Double.NaN, java.math.BigDecimal.TEN,
				java.time.DayOfWeek.MONDAY, 'c', List.of("a/b", 1));
		for (Object value : values) {
			Map<String, Object> expected = new LinkedHashMap<>();
			expected.put("v", value);
			expected.put("n", null);
			assertThat(wide.argumentsJson(new String[] { "v", "n" }, new Object[] { value, null }))
				.as("%s", value)
				.isEqualTo(jackson.writeValueAsString(expected));
			assertThat(wide.toJson(List.of(value))).isEqualTo(jackson.writeValueAsString(List.of(value)));
		}
		assertThat(wide.toJson(42)).isEqualTo("42");
		assertThat(wide.toJson(true)).isEqualTo("true");
	}

	@Test
	void aFailingArgumentLeavesNoPartialJsonBehind() {
		assertThat(new ContentFormatter(true, 1024).argumentsJson(new String[] { "a", "b", "c" },
				new Object[] { List.of("ok", "fine"), new Thrower(), 1 }))
			.isEqualTo("{\"a\":[\"ok\",\"fine\"],\"b\":\"<unserializable " + Thrower.class.getName()
					+ ": DatabindException>\",\"c\":1}");
	}

	/** Writes a first property, then fails. */
	@com.fasterxml.jackson.annotation.JsonPropertyOrder({ "first", "second" })
	static class Thrower {

		public String getFirst() {
			return "written before the failure";
		}

		public String getSecond() {
			throw new IllegalStateException("boom");
		}

	}

	@Test
	void longTextIsCutWithAMarkerStatingTheOriginalLength() {
		String cut = this.formatter.truncate("a".repeat(100));
		assertThat(cut).startsWith("a".repeat(64) + "...[truncated").endsWith("original length 100 chars]");
	}

	@Test
	void hugeCollectionsStopAtTheHardCapInsteadOfBeingWrittenWhole() {
		List<Integer> huge = IntStream.range(0, 5_000_000).boxed().toList();
		String json = this.formatter.toJson(huge);
		assertThat(json).startsWith("[0,1,2,3").contains("original length over 256 chars");
		assertThat(json.length()).isLessThan(200);
	}

	@Test
	void cyclesBecomeAPlaceholder() {
		Map<String, Object> cyclic = new LinkedHashMap<>();
		List<Object> list = new ArrayList<>();
		list.add(cyclic);
		cyclic.put("self", list);
		assertThat(new ContentFormatter(true, 1_000_000).toJson(cyclic)).startsWith("<unserializable java.util.LinkedHashMap");
	}

	@Test
	void aGetterThatThrowsBecomesAPlaceholder() {
		assertThat(this.formatter.toJson(new Exploding()))
			.startsWith("<unserializable com.runcascade.tracing.support.ContentFormatterTests$Exploding: ");
	}

	@Test
	void streamsAndInputStreamsAreNotConsumed() {
		Stream<String> stream = Stream.of("a", "b");
		ByteArrayInputStream input = new ByteArrayInputStream(new byte[] { 1, 2 });
		assertThat(this.formatter.toJson(Map.of("s", stream))).contains("<java.util.stream");
		assertThat(this.formatter.toJson(input)).isEqualTo("\"<java.io.ByteArrayInputStream>\"");
		assertThat(stream.toList()).containsExactly("a", "b");
		assertThat(input.available()).isEqualTo(2);
	}

	@Test
	void emptyBeansAreWrittenAsEmptyObjects() {
		assertThat(this.formatter.toJson(new Object())).isEqualTo("{}");
	}

	@Test
	void aLimitBelowOneIsRejectedWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ContentFormatter(true, 0))
			.withMessageContaining("cascade.max-attribute-length");
	}

	static class Exploding {

		public String getValue() {
			throw new IllegalStateException("getter failed");
		}

	}

	@Test
	void everyCapturePathIsRedactedAndTheCallerKeepsTheOriginal() {
		ContentFormatter formatter = new ContentFormatter(true, 1000);
		String key = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx";
		java.util.Map<String, Object> value = new java.util.LinkedHashMap<>();
		value.put("apiKey", key);
		assertThat(formatter.truncate("key " + key)).isEqualTo("key [REDACTED]");
		assertThat(formatter.toJson("key " + key)).isEqualTo("key [REDACTED]");
		assertThat(formatter.toJson(value)).isEqualTo("{\"apiKey\":\"[REDACTED]\"}");
		assertThat(formatter.argumentsJson(new String[] { "auth" }, new Object[] { "Bearer abcdefghijkl" }))
			.isEqualTo("{\"auth\":\"[REDACTED]\"}");
		assertThat(value).containsEntry("apiKey", key);
	}

	@Test
	void aSecretCutByTheLimitIsStillRedacted() {
		ContentFormatter formatter = new ContentFormatter(true, 100);
		String text = "x".repeat(90) + " sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx " + "y".repeat(1000);
		assertThat(formatter.truncate(text)).startsWith("x".repeat(90) + " [REDACT").doesNotContain("sk-ant");
		assertThat(formatter.toJson(java.util.List.of(text))).doesNotContain("sk-ant");
	}

	@Test
	void aCustomRedactorRunsAndAFailingOneHidesTheValue() {
		ContentFormatter upper = new ContentFormatter(true, 1000, (text) -> text.replace("secret", "******"));
		assertThat(upper.toJson(java.util.Map.of("a", "my secret"))).isEqualTo("{\"a\":\"my ******\"}");
		ContentFormatter failing = new ContentFormatter(true, 1000, (text) -> {
			throw new IllegalStateException("bug");
		});
		assertThat(failing.truncate("my secret")).isEqualTo("<redaction failed: java.lang.IllegalStateException>");
	}


	@Test
	void stringFieldsJsonIsExactlyWhatJacksonWritesForEveryCharacter() {
		ContentFormatter formatter = new ContentFormatter(true, 1 << 20, (text) -> text);
		StringBuilder everyChar = new StringBuilder();
		for (char c = 0; c < 0xFFFF; c++) {
			everyChar.append(c);
		}
		List<String[]> rows = List.of(new String[] { "user", everyChar.toString() },
				new String[] { "assistant", "plain ASCII with \"quotes\", a \\ and a / slash" },
				new String[] { "tool", null }, new String[] { "system", "" });
		List<Map<String, String>> asMaps = new ArrayList<>();
		for (String[] row : rows) {
			Map<String, String> map = new LinkedHashMap<>();
			map.put("role", row[0]);
			if (row[1] != null) {
				map.put("content", row[1]);
			}
			asMaps.add(map);
		}
		String written = formatter.stringFieldsJson(rows, new String[] { "role", "content" },
				(row, field) -> row[field]);
		assertThat(written).isEqualTo(formatter.toJson(asMaps));
	}

	@Test
	void stringFieldsJsonIsRedactedAndCutLikeAnyCapturedValue() {
		ContentFormatter formatter = new ContentFormatter(true, 64);
		List<String> contents = List.of("my key is sk-ant-api03-" + "a".repeat(40), "x".repeat(500));
		String written = formatter.stringFieldsJson(contents, new String[] { "content" }, (text, field) -> text);
		assertThat(written).doesNotContain("sk-ant-api03-aaaa")
			.startsWith("[{\"content\":\"my key is ")
			.contains("...[truncated by Cascade, original length ");
		ContentFormatter tiny = new ContentFormatter(true, 8);
		String huge = tiny.stringFieldsJson(List.of("y".repeat(100), "z".repeat(100)), new String[] { "v" },
				(text, field) -> text);
		assertThat(huge).isEqualTo("[{\"v\":\"y...[truncated by Cascade, original length over 32 chars]");
		// A huge value is not copied whole before it is cut (memory stays bounded by the hard cap).
		String tenMegabytes = "m".repeat(10 * 1024 * 1024);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
			.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		String cut = tiny.stringFieldsJson(List.of(tenMegabytes), new String[] { "v" }, (text, field) -> text);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(cut).isEqualTo("[{\"v\":\"m...[truncated by Cascade, original length over 32 chars]");
		assertThat(allocated).isLessThan(1024 * 1024);
	}


	@Test
	void smallCollectionsAndArgumentsWrittenWithoutJacksonAreWhatJacksonWrites() {
		JsonMapper jackson = JsonMapper.builder().build();
		ContentFormatter formatter = new ContentFormatter(true, 1 << 20, (text) -> text);
		String tricky = "tab\tquote\"back\\slash/ nul\u0000 del\u007f é 𝄞 \u2028";
		List<Object> withNull = new ArrayList<>(List.of(1, 2L, true));
		withNull.add(null);
		List<Object> values = List.of(List.of("JFK-NRT-0", tricky), new java.util.TreeSet<>(List.of(3, 1, 2)), withNull,
				List.of("x".repeat(2000)), List.of(List.of("nested")), List.of(Map.of("k", "v")), List.of());
		for (Object value : values) {
			assertThat(formatter.toJson(value)).as(String.valueOf(value)).isEqualTo(jackson.writeValueAsString(value));
		}
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("origin", tricky);
		arguments.put("limit", 2);
		arguments.put("long", "y".repeat(1500));
		assertThat(formatter.argumentsJson(new String[] { "origin", "limit", "long" },
				new Object[] { tricky, 2, "y".repeat(1500) }))
			.isEqualTo(jackson.writeValueAsString(arguments));
	}

}
