package com.runcascade.tracing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the compiled main classes of cascade-core and of this module, read from their
 * constant pools (every class a class file uses, in a signature, an annotation or code, is named
 * there): only Spring wiring sees the bound properties, the core has no Spring, Micrometer or Reactor
 * in it, and the Spring integrations depend on the core, never on each other.
 */
class LayeringTests {

	private static final String ROOT = "com/runcascade/tracing/";

	/** A class name in a descriptor or signature: {@code Lcom/example/Foo;} or {@code Lcom/example/Foo<...>;}. */
	private static final Pattern DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

	@Test
	void onlyTheWiringReferencesPropertiesClasses() throws IOException {
		Map<String, Set<String>> offenders = new TreeMap<>();
		mainClasses().forEach((name, references) -> {
			if (!isWiring(name)) {
				Set<String> properties = new TreeSet<>(references.stream().filter(LayeringTests::isPropertiesClass).toList());
				if (!properties.isEmpty()) {
					offenders.put(name, properties);
				}
			}
		});
		assertThat(offenders).as("runtime classes that reference a *Properties class; hand them a settings value")
			.isEmpty();
	}

	@Test
	void theCoreHasNoSpringInIt() throws IOException {
		Map<String, Set<String>> offenders = new TreeMap<>();
		classesIn(location(CascadeTracer.class)).forEach((name, references) -> {
			Set<String> spring = new TreeSet<>(references.stream()
				.filter((reference) -> reference.startsWith("org/springframework/")
						|| reference.startsWith("io/micrometer/") || reference.startsWith("reactor/"))
				.toList());
			if (!spring.isEmpty()) {
				offenders.put(name, spring);
			}
		});
		assertThat(offenders).as("cascade-core classes that reference Spring, Micrometer or Reactor").isEmpty();
	}

	/**
	 * Outside their auto-configuration classes, the integrations use the core, the Micrometer glue and
	 * their own package only.
	 */
	@Test
	void integrationsDependOnTheCoreNeverOnEachOther() throws IOException {
		Map<String, Set<String>> offenders = new TreeMap<>();
		classesIn(location(CascadeAutoConfiguration.class)).forEach((name, references) -> {
			String integration = packageOf(name);
			if (isWiring(name) || !INTEGRATIONS.contains(integration)) {
				return;
			}
			Set<String> others = new TreeSet<>(references.stream()
				.filter((reference) -> reference.startsWith(ROOT) && !packageOf(reference).equals(integration)
						&& (INTEGRATIONS.contains(packageOf(reference)) || packageOf(reference).equals("autoconfigure")))
				.toList());
			if (!others.isEmpty()) {
				offenders.put(name, others);
			}
		});
		assertThat(offenders).as("integration classes that use another integration or the wiring").isEmpty();
	}

	/** The scan sees what the rules are about, so a rule cannot pass for want of anything to check. */
	@Test
	void theScanFindsTheWiringsReferencesToProperties() throws IOException {
		Map<String, Set<String>> classes = mainClasses();
		assertThat(classes.get(ROOT + "autoconfigure/CascadeAutoConfiguration"))
			.contains(ROOT + "autoconfigure/CascadeProperties", "org/springframework/context/annotation/Bean");
		assertThat(classes.get(ROOT + "web/CascadeWebAutoConfiguration"))
			.contains(ROOT + "autoconfigure/CascadeSessionProperties");
		assertThat(classes.keySet()).contains(ROOT + "support/CascadeSampler", ROOT + "web/SessionResolver");
		assertThat(classes.get(ROOT + "annotation/MethodTracing"))
			.contains(ROOT + "support/SpanErrors", ROOT + "annotation/TracedMethod");
	}

	/**
	 * The {@code autoconfigure} package, and the auto-configuration classes (nested ones included)
	 * of the integration packages.
	 */
	private static boolean isWiring(String name) {
		if (name.startsWith(ROOT + "autoconfigure/")) {
			return true;
		}
		String simple = name.substring(name.lastIndexOf('/') + 1);
		int nested = simple.indexOf('$');
		return ((nested >= 0) ? simple.substring(0, nested) : simple).endsWith("AutoConfiguration");
	}

	/** Cascade's or Spring Boot's bound properties ({@code java.util.Properties} is not one). */
	private static boolean isPropertiesClass(String name) {
		if (!name.startsWith("com/runcascade/") && !name.startsWith("org/springframework/")) {
			return false;
		}
		String simple = name.substring(name.lastIndexOf('/') + 1);
		int nested = simple.indexOf('$');
		return ((nested >= 0) ? simple.substring(0, nested) : simple).endsWith("Properties");
	}

	/** The Spring integration packages (the Micrometer glue is shared by them, not one of them). */
	private static final Set<String> INTEGRATIONS = Set.of("springai", "web", "annotation", "viewer", "console");

	/** The package of an internal class name below {@link #ROOT}: {@code web} for {@code .../tracing/web/X}. */
	private static String packageOf(String name) {
		String rest = name.substring(ROOT.length());
		int slash = rest.indexOf('/');
		return (slash >= 0) ? rest.substring(0, slash) : "";
	}

	/** Every main class of cascade-core and of this module, by internal name, with the classes it references. */
	private static Map<String, Set<String>> mainClasses() throws IOException {
		Map<String, Set<String>> result = new TreeMap<>(classesIn(location(CascadeTracer.class)));
		result.putAll(classesIn(location(CascadeAutoConfiguration.class)));
		return result;
	}

	/** The classes directory (or jar's directory) a class was loaded from. */
	private static Path location(Class<?> type) {
		Path classes;
		try {
			classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		assertThat(classes).as("the classes directory or jar of " + type.getName()).exists();
		return classes;
	}

	/** The classes of a directory, or of a jar (Maven's reactor hands later modules cascade-core's jar). */
	private static Map<String, Set<String>> classesIn(Path location) throws IOException {
		if (Files.isRegularFile(location)) {
			try (FileSystem jar = FileSystems.newFileSystem(location)) {
				return classesUnder(jar.getPath("/"));
			}
		}
		return classesUnder(location);
	}

	private static Map<String, Set<String>> classesUnder(Path classes) throws IOException {
		Map<String, Set<String>> result = new TreeMap<>();
		assertThat(classes.resolve(ROOT)).as("Cascade's classes under " + classes).exists();
		try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				String name = classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
				try (InputStream in = Files.newInputStream(file)) {
					result.put(name, references(in));
				}
			}
		}
		return result;
	}

	/** The class names in a class file's constant pool: class entries, descriptors and signatures. */
	static Set<String> references(InputStream classFile) throws IOException {
		DataInputStream in = new DataInputStream(classFile);
		assertThat(in.readInt()).as("class file magic").isEqualTo(0xCAFEBABE);
		in.readUnsignedShort();
		in.readUnsignedShort();
		int count = in.readUnsignedShort();
		String[] utf8 = new String[count];
		List<Integer> classEntries = new ArrayList<>();
		for (int index = 1; index < count; index++) {
			int tag = in.readUnsignedByte();
			switch (tag) {
				case 1 -> utf8[index] = in.readUTF();
				case 7 -> classEntries.add(in.readUnsignedShort());
				case 8, 16, 19, 20 -> in.skipNBytes(2);
				case 15 -> in.skipNBytes(3);
				case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
				case 5, 6 -> {
					in.skipNBytes(8);
					index++; // takes two entries
				}
				default -> throw new IllegalStateException("Unknown constant pool tag " + tag);
			}
		}
		Set<String> names = new TreeSet<>();
		for (int entry : classEntries) {
			String name = utf8[entry];
			if (name != null && !name.startsWith("[")) {
				names.add(name);
			}
		}
		for (String text : utf8) {
			if (text != null) {
				Matcher matcher = DESCRIPTOR.matcher(text);
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
		}
		return names;
	}

}
