package com.runcascade.tracing.springai;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A real MCP server speaking stdio, started as a child process by {@link SpringAiMcpToolTests}:
 * one tool, {@code forecast}.
 */
final class McpWeatherServer {

	private McpWeatherServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Standard output carries the protocol; anything else that prints goes to standard error.
		PrintStream protocol = System.out;
		System.setOut(System.err);
		McpJsonMapper json = SpringAiTestLine.mcpJsonMapper();
		McpSchema.Tool forecast = McpSchema.Tool.builder()
			.name("forecast")
			.description("Weather forecast for a city")
			.inputSchema(json,
					"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")
			.build();
		McpServer.sync(new StdioServerTransportProvider(json, System.in, protocol))
			.serverInfo("weather", "1.0.0")
			.tools(McpServerFeatures.SyncToolSpecification.builder()
				.tool(forecast)
				.callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
					.addTextContent("Rain tomorrow in " + request.arguments().get("city"))
					.build())
				.build())
			.build();
		// The transport reads standard input on threads of its own; the client ends this process.
		new CountDownLatch(1).await();
	}

}
