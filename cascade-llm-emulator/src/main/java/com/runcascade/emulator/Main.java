package com.runcascade.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar cascade-llm-emulator.jar}: runs the {@link LlmEmulator} on a fixed port, and an
 * {@link OtlpReceiver} beside it that prints the trace trees it receives, until the process is
 * stopped (Ctrl+C). Requests in flight at that moment still get their answer.
 *
 * <pre>
 * --port N         emulator port (default 8089, or LLM_EMULATOR_PORT)
 * --otlp-port N    OTLP/HTTP receiver port (default 4318, or LLM_EMULATOR_OTLP_PORT); 0 turns it off
 * --host ADDRESS   address to listen on (default 127.0.0.1, or LLM_EMULATOR_HOST)
 * </pre>
 */
public final class Main {

	static final int DEFAULT_PORT = 8089;

	static final int DEFAULT_OTLP_PORT = 4318;

	private Main() {
	}

	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		if (options.help()) {
			System.out.println(Options.USAGE);
			return;
		}
		Running running;
		try {
			running = start(options, System.out);
		}
		catch (UncheckedIOException ex) {
			// UncheckedIOException always has its IOException, which says why (such as "Address already in use").
			System.err.println(ex.getMessage() + ": " + ex.getCause());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			running.close();
			stopped.countDown();
		}, "llm-emulator-shutdown"));
		stopped.await();
	}

	/** Starts both servers and prints how to use them. */
	static Running start(Options options, PrintStream out) {
		LlmEmulator emulator = LlmEmulator.start(new InetSocketAddress(options.host(), options.port()));
		OtlpReceiver receiver = null;
		TraceTrees trees = new TraceTrees((text) -> {
			synchronized (out) {
				out.print(text);
				out.flush();
			}
		});
		try {
			if (options.otlpPort() != 0) {
				receiver = OtlpReceiver.start(new InetSocketAddress(options.host(), options.otlpPort()), false, trees);
			}
		}
		catch (IOException ex) {
			emulator.close();
			throw new UncheckedIOException("Could not start the OTLP receiver on port " + options.otlpPort(), ex);
		}
		String base = emulator.baseUrl();
		out.println("LLM emulator (Anthropic Messages, OpenAI Chat Completions and Responses) on " + base);
		out.println("  Spring AI:   spring.ai.anthropic.base-url=" + emulator.anthropicBaseUrl());
		out.println("               spring.ai.openai.base-url=" + emulator.openAiBaseUrl());
		out.println("               (any API key, such as spring.ai.anthropic.api-key=offline)");
		out.println("  SDK clients: AnthropicOkHttpClient baseUrl " + emulator.anthropicBaseUrl()
				+ ", OpenAIOkHttpClient baseUrl " + emulator.openAiBaseUrl());
		if (receiver != null) {
			String traces = base.substring(0, base.lastIndexOf(':') + 1) + receiver.port() + "/v1/traces";
			out.println("OTLP/HTTP receiver on " + traces + ", printing the traces it receives:");
			out.println("  cascade.endpoint=" + traces
					+ "   (or management.opentelemetry.tracing.export.otlp.endpoint)");
		}
		out.println("Ctrl+C stops; requests in flight are answered first.");
		out.flush();
		return new Running(emulator, receiver, trees);
	}

	/** The running servers, and the timer that prints traces whose root span never arrives. */
	static final class Running implements AutoCloseable {

		private final LlmEmulator emulator;

		private final @Nullable OtlpReceiver receiver;

		private final TraceTrees trees;

		private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "llm-emulator-trace-printer");
			thread.setDaemon(true);
			return thread;
		});

		Running(LlmEmulator emulator, @Nullable OtlpReceiver receiver, TraceTrees trees) {
			this.emulator = emulator;
			this.receiver = receiver;
			this.trees = trees;
			this.timer.scheduleWithFixedDelay(() -> trees.flushQuiet(System.nanoTime()), 500, 500,
					TimeUnit.MILLISECONDS);
		}

		LlmEmulator emulator() {
			return this.emulator;
		}

		@Nullable OtlpReceiver receiver() {
			return this.receiver;
		}

		@Override
		public void close() {
			this.emulator.close();
			if (this.receiver != null) {
				this.receiver.close();
			}
			this.timer.shutdownNow();
			this.trees.flushAll();
		}

	}

	record Options(InetAddress host, int port, int otlpPort, boolean help) {

		static final String USAGE = """
				Usage: java -jar cascade-llm-emulator.jar [--port N] [--otlp-port N] [--host ADDRESS]
				  --port N         emulator port (default 8089, or LLM_EMULATOR_PORT)
				  --otlp-port N    OTLP/HTTP traces receiver port (default 4318, or LLM_EMULATOR_OTLP_PORT); 0 turns it off
				  --host ADDRESS   address to listen on (default 127.0.0.1, or LLM_EMULATOR_HOST)""";

		static Options parse(String[] args, Map<String, String> env) {
			String host = env.getOrDefault("LLM_EMULATOR_HOST", "127.0.0.1");
			String port = env.getOrDefault("LLM_EMULATOR_PORT", String.valueOf(DEFAULT_PORT));
			String otlpPort = env.getOrDefault("LLM_EMULATOR_OTLP_PORT", String.valueOf(DEFAULT_OTLP_PORT));
			boolean help = false;
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--port" -> port = value(args, ++i, arg);
					case "--otlp-port" -> otlpPort = value(args, ++i, arg);
					case "--host" -> host = value(args, ++i, arg);
					case "-h", "--help" -> help = true;
					default -> throw new IllegalArgumentException("Unknown option: " + arg);
				}
			}
			return new Options(address(host), port(port, "--port"), port(otlpPort, "--otlp-port"), help);
		}

		private static String value(String[] args, int index, String option) {
			if (index >= args.length) {
				throw new IllegalArgumentException(option + " needs a value");
			}
			return args[index];
		}

		private static int port(String value, String option) {
			try {
				int port = Integer.parseInt(value.trim());
				if (port >= 0 && port <= 65535) {
					return port;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException(option + " must be a port number (0 to 65535), was '" + value + "'");
		}

		private static InetAddress address(String host) {
			try {
				return InetAddress.getByName(host);
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("--host: unknown host '" + host + "'");
			}
		}

	}

}
