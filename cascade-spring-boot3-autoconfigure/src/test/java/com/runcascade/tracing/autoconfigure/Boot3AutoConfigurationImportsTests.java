package com.runcascade.tracing.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This line keeps its own {@code AutoConfiguration.imports}: an integration the Boot 4 line
 * registers and this one forgets passes every context-runner test here (they name their
 * auto-configurations) and is missing from every Boot 3.5 application.
 */
class Boot3AutoConfigurationImportsTests {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	@Test
	void registersTheSameAutoConfigurationsAsTheBoot4Line() throws Exception {
		Path classes = Path.of(CascadeProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		// Surefire runs in this module's directory, beside the Boot 4 module.
		Path boot4 = Path.of("../cascade-spring-boot-autoconfigure/src/main/resources").resolve(IMPORTS);
		assertThat(boot4).exists();
		assertThat(entries(classes.resolve(IMPORTS))).containsExactlyElementsOf(entries(boot4));
	}

	private static List<String> entries(Path imports) throws Exception {
		return Files.readAllLines(imports)
			.stream()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

}
