package com.runcascade.tracing.springai;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import com.runcascade.emulator.LlmEmulator;
import com.runcascade.emulator.ScriptedReply;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.mcp.SyncMcpToolCallbackProvider;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static com.runcascade.tracing.InMemoryTracing.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool served by a real MCP server over stdio (a child process, through the MCP Java SDK's
 * client), offered to the model by Spring AI's MCP tool callbacks, is recorded like any other tool.
 */
class SpringAiMcpToolTests {

	private final LlmEmulator emulator = LlmEmulator.start();

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void anMcpToolCallIsATraceToolSpanUnderTheAgent() {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ServerParameters server = ServerParameters.builder(java)
			.args("-cp", System.getProperty("java.class.path"), McpWeatherServer.class.getName())
			.build();
		McpSyncClient client = McpClient
			.sync(new StdioClientTransport(server, SpringAiTestLine.mcpJsonMapper()))
			.requestTimeout(Duration.ofSeconds(30))
			.build();
		try {
			client.initialize();
			ToolCallback[] tools = SyncMcpToolCallbackProvider.builder().mcpClients(client).build().getToolCallbacks();
			String toolName = tools[0].getToolDefinition().name();
			assertThat(Arrays.stream(tools).map((tool) -> tool.getToolDefinition().name())).containsExactly(toolName);
			this.emulator.enqueue(ScriptedReply.toolCall(toolName, "{\"city\":\"Bergen\"}"),
					ScriptedReply.text("Take an umbrella."));
			SpringAiFixture.contextRunner(this.emulator)
				.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class))
				.run((context) -> {
					InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
					try (CascadeScope agent = context.getBean(CascadeTracer.class).traceAgent("weather")) {
						String answer = context.getBean(ChatClient.Builder.class)
							.build()
							.prompt()
							.user("Bergen tomorrow?")
							.toolCallbacks(tools)
							.call()
							.content();
						assertThat(answer).isEqualTo("Take an umbrella.");
					}
					SpanData agent = span(exporter, "weather");
					assertThat(ofType(exporter, "tool")).singleElement().satisfies((tool) -> {
						assertThat(tool.getName()).isEqualTo(toolName);
						assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
						assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
						assertThat(tool.getAttributes().get(AttributeKey.stringKey("tool.description")))
							.isEqualTo("Weather forecast for a city");
						assertThat(tool.getAttributes().get(AttributeKey.stringKey("tool.input")))
							.isEqualTo("{\"city\":\"Bergen\"}");
						assertThat(tool.getAttributes().get(AttributeKey.stringKey("tool.output")))
							.contains("Rain tomorrow in Bergen");
					});
				});
		}
		finally {
			client.closeGracefully();
		}
	}

}
