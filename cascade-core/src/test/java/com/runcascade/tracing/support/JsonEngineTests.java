package com.runcascade.tracing.support;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The three JSON engines write the values Cascade records the same way, so a trace reads the same
 * whichever Jackson the application has, or none.
 */
class JsonEngineTests {

	static Stream<JsonEngine> engines() {
		return Stream.of(new Jackson3Engine(8), new Jackson2Engine(8), new PlainJsonEngine(8));
	}

	enum Cabin {

		ECONOMY

	}

	record Flight(String number, int seats, List<String> stops, Cabin cabin, Optional<String> note) {
	}

	@ParameterizedTest
	@MethodSource("engines")
	void scalarsAreWrittenAsJacksonWritesThem(JsonEngine engine) throws Exception {
		assertThat(engine.toJson(null)).isEqualTo("null");
		assertThat(engine.toJson("Oslo \"fjord\"\n\t\u0001")).isEqualTo("\"Oslo \\\"fjord\\\"\\n\\t\\u0001\"");
		assertThat(engine.toJson(42)).isEqualTo("42");
		assertThat(engine.toJson(-7L)).isEqualTo("-7");
		assertThat(engine.toJson(2.5)).isEqualTo("2.5");
		assertThat(engine.toJson(Double.NaN)).isEqualTo("\"NaN\"");
		assertThat(engine.toJson(new BigDecimal("1.10"))).isEqualTo("1.10");
		assertThat(engine.toJson(true)).isEqualTo("true");
		assertThat(engine.toJson('x')).isEqualTo("\"x\"");
		assertThat(engine.toJson(Cabin.ECONOMY)).isEqualTo("\"ECONOMY\"");
		assertThat(engine.toJson(new byte[] { 1, 2, 3 })).isEqualTo("\"AQID\"");
	}

	@ParameterizedTest
	@MethodSource("engines")
	void structuresAreWrittenAsJacksonWritesThem(JsonEngine engine) throws Exception {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("city", "Bergen");
		map.put("days", List.of(1, 2));
		map.put("empty", Map.of());
		map.put("nothing", null);
		map.put("codes", new int[] { 7, 8 });
		map.put("names", new String[] { "a", "b" });
		assertThat(engine.toJson(map))
			.isEqualTo("{\"city\":\"Bergen\",\"days\":[1,2],\"empty\":{},\"nothing\":null,\"codes\":[7,8],"
					+ "\"names\":[\"a\",\"b\"]}");
		assertThat(engine.toJson(new Flight("SK 4021", 180, List.of("OSL", "BGO"), Cabin.ECONOMY, Optional.of("late"))))
			.isEqualTo("{\"number\":\"SK 4021\",\"seats\":180,\"stops\":[\"OSL\",\"BGO\"],\"cabin\":\"ECONOMY\","
					+ "\"note\":\"late\"}");
		assertThat(engine.toJson(Optional.empty())).isEqualTo("null");
	}

	@ParameterizedTest
	@MethodSource("engines")
	void streamsAndReadersAreWrittenAsTheirTypeNotConsumed(JsonEngine engine) throws Exception {
		ByteArrayInputStream input = new ByteArrayInputStream(new byte[] { 1, 2 });
		assertThat(engine.toJson(Map.of("body", input)))
			.isEqualTo("{\"body\":\"<java.io.ByteArrayInputStream>\"}");
		assertThat(input.available()).isEqualTo(2);
		assertThat(engine.toJson(List.of(Stream.of(1)))).startsWith("[\"<java.util.stream.");
	}

	@ParameterizedTest
	@MethodSource("engines")
	void aCycleFailsAsTooDeepInsteadOfOverflowingTheStack(JsonEngine engine) {
		List<Object> cycle = new ArrayList<>();
		cycle.add(cycle);
		Throwable failure = catchThrowable(() -> engine.write(new StringWriter(), cycle));
		assertThat(failure).isNotNull();
		assertThat(engine.isTooDeep(failure)).isTrue();
		assertThat(engine.isTooDeep(new IllegalStateException("other"))).isFalse();
	}

	@ParameterizedTest
	@MethodSource("engines")
	void nestingUpToTheLimitIsWritten(JsonEngine engine) throws Exception {
		Object nested = "leaf";
		for (int i = 0; i < 7; i++) {
			nested = List.of(nested);
		}
		assertThat(engine.toJson(nested)).isEqualTo("[".repeat(7) + "\"leaf\"" + "]".repeat(7));
	}

}
