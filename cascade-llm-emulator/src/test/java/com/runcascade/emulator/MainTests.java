package com.runcascade.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the emulator as a program: options, the two servers, and the printed trace trees.
 */
class MainTests {

	private static final ByteString TRACE = ByteString.copyFrom(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
			13, 14, 15, 16 });

	@Test
	void optionsDefaultToFixedPortsOnLoopback() {
		Main.Options options = Main.Options.parse(new String[0], Map.of());
		assertThat(options.port()).isEqualTo(8089);
		assertThat(options.otlpPort()).isEqualTo(4318);
		assertThat(options.host().isLoopbackAddress()).isTrue();
	}

	@Test
	void flagsWinOverEnvironmentVariables() {
		Main.Options options = Main.Options.parse(new String[] { "--port", "9000" },
				Map.of("LLM_EMULATOR_PORT", "9100", "LLM_EMULATOR_OTLP_PORT", "0"));
		assertThat(options.port()).isEqualTo(9000);
		assertThat(options.otlpPort()).isZero();
	}

	@Test
	void badOptionsAreReportedClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> Main.Options.parse(new String[] { "--port", "http" }, Map.of()))
			.withMessage("--port must be a port number (0 to 65535), was 'http'");
		assertThatIllegalArgumentException().isThrownBy(() -> Main.Options.parse(new String[] { "--bogus" }, Map.of()))
			.withMessage("Unknown option: --bogus");
		assertThatIllegalArgumentException().isThrownBy(() -> Main.Options.parse(new String[] { "--port" }, Map.of()))
			.withMessage("--port needs a value");
	}

	@Test
	void servesTheProvidersAndPrintsTheTracesItReceives() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
		Main.Options options = Main.Options.parse(
				new String[] { "--port", "0", "--otlp-port", String.valueOf(freePort()) }, Map.of());
		try (Main.Running running = Main.start(options, out)) {
			OtlpReceiver receiver = running.receiver();
			assertThat(receiver).isNotNull();
			assertThat(printed.toString(StandardCharsets.UTF_8))
				.contains("spring.ai.anthropic.base-url=" + running.emulator().anthropicBaseUrl())
				.contains("spring.ai.openai.base-url=" + running.emulator().openAiBaseUrl())
				.contains("cascade.endpoint=" + receiver.endpoint("/v1/traces"));
			HttpResponse<String> reply = RawSse.exchange(running.emulator().anthropicBaseUrl() + "/v1/messages",
					"{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
			assertThat(reply.statusCode()).isEqualTo(200);
			HttpResponse<String> export = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(receiver.endpoint("/v1/traces")))
					.header("Content-Type", "application/x-protobuf")
					.POST(HttpRequest.BodyPublishers.ofByteArray(request().toByteArray()))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(export.statusCode()).isEqualTo(200);
			assertThat(receiver.received()).isEmpty();
			assertThat(printed.toString(StandardCharsets.UTF_8)).contains("llm.claude [llm]");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Test
	void traceTreesNestChildrenUnderTheirParents() {
		List<String> printed = new ArrayList<>();
		new TraceTrees(printed::add).accept(request());
		assertThat(printed).singleElement().isEqualTo("""
				trace 0102030405060708090a0b0c0d0e0f10 (sample-chatbot, 4 spans)
				  ChatTurn [run] 30.0 ms
				    PlannerAgent [agent] 20.0 ms
				      llm.claude [llm] 10.0 ms ERROR: overloaded
				  ↳ late [tool] 1.0 ms
				""");
	}

	@Test
	void aTraceIsPrintedOnceItsRootArrivesInALaterBatch() {
		List<String> printed = new ArrayList<>();
		TraceTrees trees = new TraceTrees(printed::add);
		trees.accept(batch(span(2, 1, "PlannerAgent", "agent", 1, 21)));
		assertThat(printed).isEmpty();
		trees.accept(batch(span(1, 0, "ChatTurn", "run", 0, 30)));
		assertThat(printed).singleElement().isEqualTo("""
				trace 0102030405060708090a0b0c0d0e0f10 (sample-chatbot, 2 spans)
				  ChatTurn [run] 30.0 ms
				    PlannerAgent [agent] 20.0 ms
				""");
	}

	@Test
	void aTraceWhoseRootNeverArrivesIsPrintedOnceQuiet() {
		List<String> printed = new ArrayList<>();
		TraceTrees trees = new TraceTrees(printed::add);
		trees.accept(batch(span(2, 1, "PlannerAgent", "agent", 1, 21)));
		long afterArrival = System.nanoTime();
		trees.flushQuiet(afterArrival);
		assertThat(printed).isEmpty();
		trees.flushQuiet(afterArrival + TraceTrees.QUIET.toNanos());
		assertThat(printed).singleElement().asString().contains("↳ PlannerAgent [agent]");
	}

	@Test
	void pendingSpansAreBounded() {
		List<String> printed = new ArrayList<>();
		TraceTrees trees = new TraceTrees(printed::add);
		ScopeSpans.Builder spans = ScopeSpans.newBuilder();
		for (int i = 0; i <= TraceTrees.MAX_PENDING_SPANS; i++) {
			spans.addSpans(span(2, 1, "child", "tool", 0, 1).toBuilder()
				.setTraceId(ByteString.copyFrom(java.nio.ByteBuffer.allocate(16).putInt(12, i).array())));
		}
		trees.accept(ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(spans))
			.build());
		assertThat(printed).hasSize(1);
		assertThat(printed.get(0)).startsWith("trace 00000000000000000000000000000000 (unknown service, 1 span)");
	}

	private static ExportTraceServiceRequest batch(Span span) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(attribute("service.name", "sample-chatbot")))
				.addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
			.build();
	}

	private static ExportTraceServiceRequest request() {
		Span run = span(1, 0, "ChatTurn", "run", 0, 30);
		Span agent = span(2, 1, "PlannerAgent", "agent", 1, 21);
		Span llm = span(3, 2, "llm.claude", "llm", 2, 12).toBuilder()
			.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("overloaded"))
			.build();
		Span orphan = span(4, 9, "late", "tool", 40, 41);
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(attribute("service.name", "sample-chatbot")))
				.addScopeSpans(ScopeSpans.newBuilder().addSpans(llm).addSpans(orphan).addSpans(agent).addSpans(run)))
			.build();
	}

	private static Span span(int id, int parent, String name, String type, long startMillis, long endMillis) {
		return Span.newBuilder()
			.setTraceId(TRACE)
			.setSpanId(spanId(id))
			.setParentSpanId((parent != 0) ? spanId(parent) : ByteString.EMPTY)
			.setName(name)
			.addAttributes(attribute("cascade.span_type", type))
			.setStartTimeUnixNano(startMillis * 1_000_000)
			.setEndTimeUnixNano(endMillis * 1_000_000)
			.build();
	}

	private static ByteString spanId(int id) {
		return ByteString.copyFrom(new byte[] { 0, 0, 0, 0, 0, 0, 0, (byte) id });
	}

	private static KeyValue attribute(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

}
