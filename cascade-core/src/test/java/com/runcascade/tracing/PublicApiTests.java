package com.runcascade.tracing;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's public types are a deliberate list (README, "API"): the supported API a user writes
 * against, and the internal types that are public only because another Cascade package or module
 * needs them. A new public type fails this test until it is put on one of the two lists.
 */
class PublicApiTests {

	/** What a user writes against; supported. */
	static final Set<String> SUPPORTED = Set.of("Cascade", "CascadeTracer", "CascadeScope", "CascadeAttributes",
			"Tool", "Function", "CaptureReasoning", "Redactor", "llm.ModelPricing", "llm.LlmMetrics",
			"llm.TokenUsage", "langchain4j.CascadeChatModelListener");

	/** Public for the Spring layer or another core package; may change in any release. */
	static final Set<String> INTERNAL = Set.of("export.CascadeExportSpanProcessor", "export.ExportHealth",
			"export.ExportSettings", "llm.InvalidPriceException", "llm.LlmCall", "llm.LlmRequest",
			"llm.LlmResponse", "llm.LlmTracing", "llm.PriceOverride", "llm.PriceTable", "sdk.Invocations",
			"sdk.LlmApi", "sdk.LlmCallInvoker", "sdk.LlmSdk", "sdk.RoutingInvocationHandler", "sdk.SdkClients",
			"sdk.SdkModels", "sdk.ServiceRoute", "sdk.StreamAccumulator", "sdk.StreamRecorder",
			"sdk.TracedServiceHandler", "sdk.anthropic.AnthropicSdk", "sdk.openai.OpenAiSdk",
			"support.CascadeContext", "support.CascadeContextSpanProcessor", "support.CascadeInstrumentation",
			"support.CascadeResource", "support.CascadeSampler", "support.CascadeScopeHook",
			"support.ContentFormatter", "support.DefaultCascadeTracer", "support.JsonEngine",
			"support.LlmClientWrapper", "support.Redaction", "support.SpanErrors", "support.UsageRollup",
			"langchain4j.LangChain4jTracing", "langchain4j.CascadeAiServiceListenerRegistrarFactory");

	@Test
	void everyPublicTypeIsSupportedOrListedAsInternal() throws Exception {
		Set<String> expected = new TreeSet<>(SUPPORTED);
		expected.addAll(INTERNAL);
		assertThat(publicTopLevelTypes()).as("public types of cascade-core (README, API)")
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void theSupportedApiIsSmall() {
		assertThat(SUPPORTED).hasSizeLessThanOrEqualTo(20).doesNotContainAnyElementsOf(INTERNAL);
	}

	/** Public top-level classes of the core, relative to {@code com.runcascade.tracing}. */
	private static Set<String> publicTopLevelTypes() throws IOException, URISyntaxException, ClassNotFoundException {
		Path location = Path.of(CascadeTracer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		if (Files.isRegularFile(location)) {
			try (FileSystem jar = FileSystems.newFileSystem(location)) {
				return publicTopLevelTypes(jar.getPath("/"));
			}
		}
		return publicTopLevelTypes(location);
	}

	private static Set<String> publicTopLevelTypes(Path classes) throws IOException, ClassNotFoundException {
		Path root = classes.resolve("com/runcascade/tracing");
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".class")).toList()) {
				String relative = root.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
				if (relative.contains("$") || relative.endsWith("package-info")) {
					continue;
				}
				Class<?> type = Class.forName("com.runcascade.tracing." + relative.replace('/', '.'), false,
						PublicApiTests.class.getClassLoader());
				if (Modifier.isPublic(type.getModifiers())) {
					names.add(relative.replace('/', '.'));
				}
			}
		}
		return names;
	}

}
