package com.runcascade.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.runcascade.emulator.SseStream.ConnectionCutOffException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server that speaks the wire protocols of the Anthropic Messages API
 * ({@code POST /v1/messages}), the OpenAI Chat Completions API
 * ({@code POST /v1/chat/completions}) and the OpenAI Responses API
 * ({@code POST /v1/responses}), both as JSON and as server-sent events when the request asks
 * for {@code "stream": true}. The official Java SDKs, the Spring AI chat models built on them
 * and LangChain4j's OpenAI and Anthropic chat models work against it unchanged: point them at
 * {@link #anthropicBaseUrl()} (LangChain4j's Anthropic models want {@code /v1} after it) or
 * {@link #openAiBaseUrl()} with any API key.
 *
 * <pre class="code">
 * try (LlmEmulator emulator = LlmEmulator.start()) {
 *     emulator.enqueue(ScriptedReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
 *     AnthropicClient client = AnthropicOkHttpClient.builder()
 *         .baseUrl(emulator.anthropicBaseUrl())
 *         .apiKey("test")
 *         .build();
 *     // ... call the client, then inspect emulator.requests()
 * }
 * </pre>
 *
 * <h2>Scripted replies</h2> Each request to one of the three endpoints takes the next
 * {@link ScriptedReply} from a FIFO queue filled by {@link #enqueue(ScriptedReply...)},
 * whichever endpoint it goes to. Every request, answered or not, is recorded and available
 * from {@link #requests()}: the last 200, each body cut to 64K characters, so that an emulator
 * left running under load keeps a bounded amount of memory.
 *
 * <h2>The default chatbot</h2> When the queue is empty, a deterministic chatbot answers, so an
 * application can run offline against the emulator. It reads only the request, never earlier
 * requests:
 * <ul>
 * <li>If the conversation ends with a tool result (an Anthropic {@code tool_result} block, a
 * Chat Completions {@code tool} message, a Responses {@code function_call_output} item), it
 * answers in text that names the tool, quotes its result (abbreviated to 200 characters) and
 * recalls the user's last question: <i>I checked with get_weather and got: 18°C. That should
 * answer "What's the weather in Paris?". Is there anything else I can help you with?</i></li>
 * <li>Otherwise, if the request offers function tools and its tool choice is not
 * {@code none}, it calls the tool the tool choice names, or else the tool whose name the last
 * user message uses as a word (case aside; the earliest in the message when it names several),
 * or else the first one offered. The arguments fill every {@code required} property of the
 * tool's JSON schema from the last user message: an {@code enum} takes the option the message
 * mentions, or its first option; a {@code string} takes the message's keywords in turn, best
 * first (names, that is capitalized words that do not start the message, then numbers, then
 * other words that are not stop words, the later ones first; the tool's own name is no
 * keyword), except that properties named like {@code query}, {@code question} or
 * {@code text} take the whole message; an {@code integer} or {@code number} takes the
 * message's numbers in turn, or 1; a {@code boolean} is {@code true}; an array gets one such
 * element and an object is filled the same way. "What's the weather in Paris?" with a
 * {@code get_weather} tool requiring {@code city} gives {@code {"city":"Paris"}}.</li>
 * <li>Otherwise it answers the last user message briefly and kindly: a greeting is greeted
 * back, thanks are acknowledged, a question (ending with {@code ?}) is quoted and answered
 * with an offline disclaimer that names its two best keywords, and any other message is
 * acknowledged by topic. An empty conversation gets a welcome.</li>
 * </ul>
 * The chatbot's token counts follow the same defaults as scripted replies: input tokens are
 * the request's text length / 4, output tokens the reply's length / 4, both at least 1 (see
 * {@link ScriptedReply}).
 *
 * <h2>Thinking models</h2> A reply thinks before it answers when it was scripted with
 * {@link ScriptedReply#withThinking(String)}, or when the request asks a thinking model: a
 * model name containing {@code thinking} or {@code reasoner} (such as {@code deepseek-reasoner}),
 * an Anthropic request with {@code thinking} enabled, or a Responses request asking for a
 * reasoning {@code summary}. The reasoning is an Anthropic {@code thinking} block (streamed as
 * {@code thinking_delta} events), a Chat Completions {@code reasoning_content} (DeepSeek's
 * field) and a Responses {@code reasoning} item with a summary, and its tokens (length / 4) are
 * reported as reasoning tokens, counted in the output tokens.
 *
 * <h2>Other paths and errors</h2> Any other path gets a {@code 404} whose JSON body reads as
 * an error to both SDKs; a body that is not a JSON object, or whose {@code messages} is not an
 * array, gets the provider's {@code 400} error. A client that goes away mid-stream only ends its own exchange. The server handles
 * up to 8 exchanges at once on daemon threads; more wait their turn. {@link #close()} lets the
 * exchanges in flight finish (for up to 10 seconds) before it stops the server.
 *
 * <h2>As a program</h2> {@code java -jar cascade-llm-emulator.jar} runs it on a fixed port
 * (8089 by default), with an OTLP receiver beside it that prints the traces it receives; see
 * {@link Main}.
 *
 * @author Cascade
 */
public final class LlmEmulator implements AutoCloseable {

	private static final int THREADS = 8;

	/** Requests kept by {@link #requests()}; older ones are forgotten. */
	static final int MAX_RECORDED_REQUESTS = 200;

	/** Longest wait in {@link #close()} for the exchanges in flight. */
	static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

	private final Map<String, Protocol> protocols = Map.of("/v1/messages", new AnthropicMessages(),
			"/v1/chat/completions", new OpenAiChatCompletions(), "/v1/responses", new OpenAiResponses());

	private final Queue<ScriptedReply> replies = new ConcurrentLinkedQueue<>();

	/** The last {@link #MAX_RECORDED_REQUESTS} requests, oldest first; guarded by itself. */
	private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();

	/** Guards {@link #inFlight}; notified when it drops to zero. */
	private final Object inFlightLock = new Object();

	/** Exchanges being handled. */
	private int inFlight;

	private final Ids ids = new Ids();

	private final HttpServer server;

	private final ThreadPoolExecutor executor;

	private final AtomicBoolean closed = new AtomicBoolean();

	private LlmEmulator(InetSocketAddress address) throws IOException {
		this.server = HttpServer.create(address, 0);
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				daemonThreads());
		this.executor.allowCoreThreadTimeOut(true);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
	}

	/**
	 * Start an emulator on a free loopback port.
	 * @return the running emulator
	 */
	public static LlmEmulator start() {
		return start(0);
	}

	/**
	 * Start an emulator on a given loopback port.
	 * @param port the port, or 0 for a free one
	 * @return the running emulator
	 * @throws UncheckedIOException when the port is taken
	 */
	public static LlmEmulator start(int port) {
		return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
	}

	static LlmEmulator start(InetSocketAddress address) {
		try {
			LlmEmulator emulator = new LlmEmulator(address);
			// The server's dispatcher thread inherits the daemon flag of the thread that starts
			// it: start it from a daemon thread so a forgotten emulator never keeps a JVM alive.
			Thread starter = new Thread(emulator.server::start, "llm-emulator-start");
			starter.setDaemon(true);
			starter.start();
			starter.join();
			return emulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the LLM emulator on " + address, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the LLM emulator", ex);
		}
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "llm-emulator-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Return the port the emulator listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the emulator's root URL, {@code http://127.0.0.1:<port>}.
	 * @return the base URL
	 */
	public String baseUrl() {
		InetSocketAddress address = this.server.getAddress();
		String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
		return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

	/**
	 * Return the base URL for the Anthropic SDK ({@code AnthropicOkHttpClient.builder().baseUrl(...)})
	 * or Spring AI's {@code spring.ai.anthropic.base-url}: the root URL, since the client adds
	 * {@code /v1/messages}. LangChain4j's Anthropic models add only {@code messages}: give them
	 * this URL followed by {@code /v1}.
	 * @return the Anthropic base URL
	 */
	public String anthropicBaseUrl() {
		return baseUrl();
	}

	/**
	 * Return the base URL for the OpenAI SDK ({@code OpenAIOkHttpClient.builder().baseUrl(...)}),
	 * which expects the {@code /v1} prefix in it.
	 * @return the OpenAI base URL
	 */
	public String openAiBaseUrl() {
		return baseUrl() + "/v1";
	}

	/**
	 * Queue replies for the next requests, in order, whichever endpoint they go to.
	 * @param replies the replies
	 */
	public void enqueue(ScriptedReply... replies) {
		for (ScriptedReply reply : replies) {
			this.replies.add(reply);
		}
	}

	/**
	 * Return the last requests received (at most 200), oldest first.
	 * @return an unmodifiable snapshot of the recorded requests
	 */
	public List<RecordedRequest> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	/**
	 * Return the most recent request.
	 * @return the last recorded request
	 * @throws IllegalStateException if no request was received yet
	 */
	public RecordedRequest lastRequest() {
		List<RecordedRequest> requests = requests();
		if (requests.isEmpty()) {
			throw new IllegalStateException("No request was received");
		}
		return requests.get(requests.size() - 1);
	}

	/**
	 * Forget the recorded requests and drop the replies still queued.
	 */
	public void reset() {
		this.replies.clear();
		synchronized (this.requests) {
			this.requests.clear();
		}
	}

	/**
	 * Stop the server, letting the exchanges in flight finish first (for up to 10 seconds); new
	 * requests are still served meanwhile, so a client in the middle of a multi-call conversation
	 * is not cut off.
	 */
	@Override
	public void close() {
		close(CLOSE_GRACE);
	}

	/**
	 * Stop the server, letting the exchanges in flight finish for up to {@code grace}, then ending
	 * those still running.
	 * @param grace longest wait; {@link Duration#ZERO} stops at once
	 */
	public void close(Duration grace) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			awaitIdle(grace);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

	private void awaitIdle(Duration grace) throws InterruptedException {
		long deadline = System.nanoTime() + grace.toNanos();
		synchronized (this.inFlightLock) {
			long left;
			while (this.inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
				TimeUnit.NANOSECONDS.timedWait(this.inFlightLock, left);
			}
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		synchronized (this.inFlightLock) {
			this.inFlight++;
		}
		try {
			handleCounted(exchange);
		}
		finally {
			synchronized (this.inFlightLock) {
				if (--this.inFlight == 0) {
					this.inFlightLock.notifyAll();
				}
			}
		}
	}

	private void handleCounted(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		JsonNode json = RecordedRequest.parse(body);
		RecordedRequest request = record(exchange, body, json);
		Protocol protocol = this.protocols.get(request.path());
		if (protocol == null) {
			sendJson(exchange, 404, notFound(request), "x-request-id", this.ids.hex("req_", 32));
			return;
		}
		String requestId = protocol.requestId(this.ids);
		if (!"POST".equals(request.method())) {
			sendJson(exchange, 405, protocol.error(405, "Method " + request.method() + " is not allowed"),
					protocol.requestIdHeader(), requestId);
			return;
		}
		if (!json.isObject()) {
			sendJson(exchange, 400, protocol.error(400, "The request body must be a JSON object"),
					protocol.requestIdHeader(), requestId);
			return;
		}
		if (json.has("messages") && !json.get("messages").isArray()) {
			sendJson(exchange, 400, protocol.error(400, "messages: must be an array of messages"),
					protocol.requestIdHeader(), requestId);
			return;
		}
		try {
			respond(exchange, protocol, json, requestId);
		}
		catch (RuntimeException ex) {
			if (exchange.getResponseCode() != -1) {
				throw ex;
			}
			sendJson(exchange, 500, protocol.error(500, "The emulator failed: " + ex), protocol.requestIdHeader(),
					requestId);
		}
	}

	private void respond(HttpExchange exchange, Protocol protocol, JsonNode body, String requestId)
			throws IOException {
		Conversation conversation = protocol.conversation(body);
		ScriptedReply reply = this.replies.poll();
		if (reply == null) {
			reply = Chatbot.reply(conversation);
		}
		if (reply.isError()) {
			sendJson(exchange, reply.errorStatus(), protocol.error(reply.errorStatus(), reply.errorMessage()),
					protocol.requestIdHeader(), requestId);
			return;
		}
		String model = reply.model();
		if (model == null) {
			model = Json.text(body.path("model"), "");
		}
		String thinking = thinking(reply, protocol, body, conversation);
		Turn turn = new Turn(body, reply, model.isEmpty() ? "emulator" : model,
				reply.usage(conversation.promptChars(), thinking), this.ids, Instant.now().getEpochSecond(), thinking);
		if (Json.isTrue(body.path("stream"))) {
			SseStream stream = new SseStream(exchange, reply.chunkDelay(), reply.cutOffAfterEvents(),
					protocol.requestIdHeader(), requestId);
			protocol.stream(turn, stream);
		}
		else if (reply.cutOffAfterEvents() >= 0) {
			sendTruncatedJson(exchange, protocol.body(turn), protocol.requestIdHeader(), requestId);
		}
		else {
			sendJson(exchange, 200, protocol.body(turn), protocol.requestIdHeader(), requestId);
		}
	}

	/**
	 * The reasoning of a reply: the scripted one, else one of its own when the request asks a
	 * thinking model (see {@link Protocol#asksForThinking}).
	 */
	private static @Nullable String thinking(ScriptedReply reply, Protocol protocol, JsonNode body,
			Conversation conversation) {
		if (reply.thinking() != null) {
			return reply.thinking();
		}
		if (!protocol.asksForThinking(body)) {
			return null;
		}
		String question = conversation.lastUserText().strip();
		if (question.length() > 80) {
			question = question.substring(0, 80) + "...";
		}
		return (conversation.toolResult() != null)
				? "The tool answered; I will sum up its result for the user."
				: "The user asks: \"" + question + "\". I will check what I know, then answer briefly.";
	}

	private RecordedRequest record(HttpExchange exchange, String body, JsonNode json) {
		RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
				exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
				exchange.getRequestHeaders(), body, json);
		synchronized (this.requests) {
			this.requests.addLast(request);
			if (this.requests.size() > MAX_RECORDED_REQUESTS) {
				this.requests.removeFirst();
			}
		}
		return request;
	}

	private static JsonNode notFound(RecordedRequest request) {
		// Shaped so that both SDKs find an error type and message in it.
		ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", "error");
		body.putObject("error")
			.put("type", "not_found_error")
			.put("message", "No such endpoint: " + request.method() + " " + request.path())
			.putNull("param")
			.putNull("code");
		return body;
	}

	private static void sendJson(HttpExchange exchange, int status, JsonNode body, String requestIdHeader,
			String requestId) throws IOException {
		byte[] bytes = Json.writeBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set(requestIdHeader, requestId);
		exchange.sendResponseHeaders(status, bytes.length);
		try (exchange) {
			exchange.getResponseBody().write(bytes);
		}
	}

	private static void sendTruncatedJson(HttpExchange exchange, JsonNode body, String requestIdHeader,
			String requestId) throws IOException {
		byte[] bytes = Json.writeBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set(requestIdHeader, requestId);
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes, 0, bytes.length / 2);
		exchange.getResponseBody().flush();
		throw new ConnectionCutOffException();
	}

}
