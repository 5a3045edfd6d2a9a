package com.runcascade.tracing.support;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs three times (cascade-core's pom): with Jackson 3 and 2 on the class path, with Jackson 2 only
 * (as in a Spring Boot 3 application), and with no Jackson. Each time Cascade picks the engine the
 * execution names in {@code cascade.expected-json-engine} and records content the same way; and no
 * Spring is on the core's class path at all.
 */
@Tag("json-class-path")
class JsonEngineDetectionTests {

	private static final String EXPECTED = System.getProperty("cascade.expected-json-engine", "jackson3");

	record Booking(String city, int nights) {
	}

	@Test
	void theApplicationsJacksonIsUsedOrCascadesOwnWriter() {
		assertThat(JsonEngine.detect(64).name()).isEqualTo(EXPECTED);
	}

	@Test
	void contentIsRecordedTheSameWithEveryEngine() {
		ContentFormatter formatter = new ContentFormatter(true, 1024);
		assertThat(formatter.toJson(Map.of("booking", new Booking("Tromsø", 2))))
			.isEqualTo("{\"booking\":{\"city\":\"Tromsø\",\"nights\":2}}");
		assertThat(formatter.argumentsJson(new String[] { "cities" }, new Object[] { List.of("Oslo", "Bergen") }))
			.isEqualTo("{\"cities\":[\"Oslo\",\"Bergen\"]}");
		assertThat(formatter.toJson("sk-ant-api03-" + "a".repeat(40))).doesNotContain("a".repeat(40));
	}

	@Test
	void theCoreHasNoSpringOnItsClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"));
	}

}
