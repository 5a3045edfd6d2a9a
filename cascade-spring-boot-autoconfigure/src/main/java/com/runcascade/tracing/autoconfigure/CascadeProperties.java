package com.runcascade.tracing.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of Cascade for Spring, under the {@code cascade} prefix. With Boot's relaxed
 * binding, {@code CASCADE_API_KEY} and {@code CASCADE_ENDPOINT} work as environment variables.
 */
@ConfigurationProperties("cascade")
public class CascadeProperties {

	/** The Cascade backend's OTLP traces endpoint. */
	public static final String DEFAULT_ENDPOINT = "https://api.runcascade.com/v1/traces";

	/**
	 * Whether Cascade traces anything. When false no span is started and no exporter starts.
	 */
	private boolean enabled = true;

	/**
	 * Project that groups the traces in Cascade; also the service.name resource attribute. Defaults
	 * to spring.application.name, else "default".
	 */
	private @Nullable String project;

	/**
	 * OTLP traces endpoint spans are exported to.
	 */
	private String endpoint = DEFAULT_ENDPOINT;

	/**
	 * Cascade API key, sent as "Authorization: Bearer <key>". Without it, export to the default
	 * endpoint is off.
	 */
	private @Nullable String apiKey;

	/**
	 * Environment the application runs in, such as local, staging or production.
	 */
	private String environment = "local";

	/**
	 * Version of the application, recorded as service.version.
	 */
	private @Nullable String version;

	/**
	 * User the application runs for, recorded as cascade.user_id.
	 */
	private @Nullable String userId;

	/**
	 * Extra resource attributes, each recorded as cascade.<key>.
	 */
	private Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * Whether prompts, completions, tool and function inputs and outputs are recorded.
	 */
	private boolean captureContent = true;

	/**
	 * Longest captured value, counted in characters; longer values are cut and marked with their
	 * original length.
	 */
	private DataSize maxAttributeLength = DataSize.ofKilobytes(16);

	private final Export export = new Export();

	private final Session session = new Session();

	private final Console console = new Console();

	private final SpringAi springAi = new SpringAi();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(String endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(String environment) {
		this.environment = environment;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		this.version = version;
	}

	public @Nullable String getUserId() {
		return this.userId;
	}

	public void setUserId(@Nullable String userId) {
		this.userId = userId;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public void setMetadata(Map<String, String> metadata) {
		this.metadata = metadata;
	}

	public boolean isCaptureContent() {
		return this.captureContent;
	}

	public void setCaptureContent(boolean captureContent) {
		this.captureContent = captureContent;
	}

	public DataSize getMaxAttributeLength() {
		return this.maxAttributeLength;
	}

	public void setMaxAttributeLength(DataSize maxAttributeLength) {
		this.maxAttributeLength = maxAttributeLength;
	}

	public Export getExport() {
		return this.export;
	}

	public Session getSession() {
		return this.session;
	}

	public Console getConsole() {
		return this.console;
	}

	public SpringAi getSpringAi() {
		return this.springAi;
	}

	/** How spans are sent to {@code cascade.endpoint}. */
	public static class Export {

		/**
		 * OTLP transport: http/protobuf or grpc.
		 */
		private Protocol protocol = Protocol.HTTP_PROTOBUF;

		/**
		 * Longest wait for one export request.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Extra headers sent with every export request.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Most spans held in memory while waiting for export; more are dropped (and counted) when
		 * the backend is slow or down.
		 */
		private int maxQueueSize = 2048;

		/**
		 * Delay between two exports of queued spans.
		 */
		private Duration scheduleDelay = Duration.ofSeconds(1);

		/**
		 * Longest time shutdown spends exporting the spans still queued; the rest are dropped (and
		 * counted), so an unreachable backend never holds up the application's shutdown.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(3);

		/**
		 * Export requests failing in a row after which the "cascade" health indicator reports DOWN.
		 */
		private int failureThreshold = 3;

		/**
		 * Whether the OTLP exporters' own failure logging (java.util.logging, shared by every OTLP
		 * exporter of the application) is limited to one line a minute without stack traces.
		 */
		private boolean quietExporterLogs = true;

		/**
		 * Whether only Cascade's own spans (runs, agents, LLM calls, tools, functions) and spans started
		 * inside an agent or a session are sent to cascade.endpoint. Other spans of the application (a
		 * plain HTTP request, for example) then stay with its other exporters, if any.
		 */
		private boolean agentSpansOnly = false;

		public boolean isAgentSpansOnly() {
			return this.agentSpansOnly;
		}

		public void setAgentSpansOnly(boolean agentSpansOnly) {
			this.agentSpansOnly = agentSpansOnly;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public boolean isQuietExporterLogs() {
			return this.quietExporterLogs;
		}

		public void setQuietExporterLogs(boolean quietExporterLogs) {
			this.quietExporterLogs = quietExporterLogs;
		}

		public Protocol getProtocol() {
			return this.protocol;
		}

		public void setProtocol(Protocol protocol) {
			this.protocol = protocol;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public int getMaxQueueSize() {
			return this.maxQueueSize;
		}

		public void setMaxQueueSize(int maxQueueSize) {
			this.maxQueueSize = maxQueueSize;
		}

		public Duration getScheduleDelay() {
			return this.scheduleDelay;
		}

		public void setScheduleDelay(Duration scheduleDelay) {
			this.scheduleDelay = scheduleDelay;
		}

	}

	/** OTLP transports. */
	public enum Protocol {

		/** Protobuf over HTTP ("http/protobuf"). */
		HTTP_PROTOBUF,

		/** gRPC ("grpc"). */
		GRPC

	}

	/** Mapping of HTTP requests to Cascade sessions (servlet and reactive web applications). */
	public static class Session {

		/**
		 * Request header that carries the session id; the response carries it back. A request
		 * with a valid one is recorded whole, whatever the sampling probability.
		 */
		private String header = "X-Cascade-Session-Id";

		/**
		 * Request header that, when "true", ends the session after the request completes.
		 */
		private String endHeader = "X-Cascade-Session-End";

		/**
		 * Whether a request without a session header gets a new session id.
		 */
		private boolean generateWhenMissing;

		/**
		 * Whether the session header of HTTP requests becomes the Cascade session (the session
		 * filter is registered in servlet and reactive web applications).
		 */
		private boolean enabled = true;

		/**
		 * Sessions across services.
		 */
		private final Propagation propagation = new Propagation();

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public String getEndHeader() {
			return this.endHeader;
		}

		public void setEndHeader(String endHeader) {
			this.endHeader = endHeader;
		}

		public boolean isGenerateWhenMissing() {
			return this.generateWhenMissing;
		}

		public void setGenerateWhenMissing(boolean generateWhenMissing) {
			this.generateWhenMissing = generateWhenMissing;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Propagation getPropagation() {
			return this.propagation;
		}

		/** The session id as W3C baggage on traced calls between services. */
		public static class Propagation {

			/**
			 * Whether the session id travels as the W3C baggage entry "cascade.session_id" with traced
			 * calls to other services, and whether a session id arriving that way is used when the
			 * request has no session header.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/** Printing of finished runs to the terminal. */
	public static class Console {

		/**
		 * Whether each finished run is printed to standard output as an indented span tree.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	private final Pricing pricing = new Pricing();

	public Pricing getPricing() {
		return this.pricing;
	}

	/** Prices used to compute the cost of LLM calls. */
	public static class Pricing {

		/**
		 * Prices by model name, in USD per million tokens, on top of the bundled table. A known
		 * model keeps its bundled prices for the fields not set; a new model needs input and output.
		 * Write names containing dots or slashes in brackets: cascade.pricing.models[gpt-4.1].input.
		 */
		private Map<String, Price> models = new LinkedHashMap<>();

		public Map<String, Price> getModels() {
			return this.models;
		}

		public void setModels(Map<String, Price> models) {
			this.models = models;
		}

		/** Prices of one model, in USD per million tokens. */
		public static class Price {

			/**
			 * Price of uncached input tokens.
			 */
			private @Nullable Double input;

			/**
			 * Price of output tokens.
			 */
			private @Nullable Double output;

			/**
			 * Price of input tokens read from the prompt cache. Defaults to the input price for a new
			 * model.
			 */
			private @Nullable Double cacheRead;

			/**
			 * Price of input tokens written to the prompt cache. Defaults to the input price for a
			 * new model.
			 */
			private @Nullable Double cacheWrite;

			public @Nullable Double getInput() {
				return this.input;
			}

			public void setInput(@Nullable Double input) {
				this.input = input;
			}

			public @Nullable Double getOutput() {
				return this.output;
			}

			public void setOutput(@Nullable Double output) {
				this.output = output;
			}

			public @Nullable Double getCacheRead() {
				return this.cacheRead;
			}

			public void setCacheRead(@Nullable Double cacheRead) {
				this.cacheRead = cacheRead;
			}

			public @Nullable Double getCacheWrite() {
				return this.cacheWrite;
			}

			public void setCacheWrite(@Nullable Double cacheWrite) {
				this.cacheWrite = cacheWrite;
			}

		}

	}

	/** The Spring AI integration. */
	public static class SpringAi {

		/**
		 * Whether every Spring AI chat model request and tool execution is recorded as a Cascade
		 * LLM or tool span, read from Spring AI's own observations.
		 */
		private boolean enabled = true;

		/**
		 * Whether Spring AI's own spans (ChatClient call, advisors, chat model and tool calling
		 * observations) are exported too. Off by default: Cascade's LLM and tool spans stand for
		 * the same work, and the framework layers only add depth and double-counted usage.
		 */
		private boolean frameworkSpans;

		private final Advisor advisor = new Advisor();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isFrameworkSpans() {
			return this.frameworkSpans;
		}

		public void setFrameworkSpans(boolean frameworkSpans) {
			this.frameworkSpans = frameworkSpans;
		}

		public Advisor getAdvisor() {
			return this.advisor;
		}

		/** The ChatClient advisor. */
		public static class Advisor {

			/**
			 * Whether the Cascade advisor is added to every ChatClient built from the
			 * auto-configured ChatClient.Builder. It maps the ChatClient's conversation id to the
			 * Cascade session and times the first streamed token; the LLM spans do not depend on it.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}


	private final Viewer viewer = new Viewer();

	public Viewer getViewer() {
		return this.viewer;
	}

	/** The local trace viewer served at /cascade by servlet web applications. */
	public static class Viewer {

		/**
		 * Whether the application serves its recent traces at /cascade. When not set, the viewer is
		 * on only where a developer runs the application: off on a cloud platform, on with Spring
		 * Boot DevTools on the class path, otherwise on only while no span leaves the application
		 * (no Cascade API key or endpoint, no span exporter bean).
		 */
		private @Nullable Boolean enabled;

		/**
		 * Whether clients other than loopback ones, and requests that came through a proxy, may
		 * open the viewer. Captured prompts and completions become visible to anyone who can reach
		 * the application.
		 */
		private boolean allowRemote;

		/**
		 * Most traces kept in memory; the oldest is evicted first.
		 */
		private int maxTraces = 500;

		/**
		 * Most memory the kept traces may use, estimated from their names and attributes; the
		 * oldest trace is evicted first. One trace may use at most half of it.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(32);

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isAllowRemote() {
			return this.allowRemote;
		}

		public void setAllowRemote(boolean allowRemote) {
			this.allowRemote = allowRemote;
		}

		public int getMaxTraces() {
			return this.maxTraces;
		}

		public void setMaxTraces(int maxTraces) {
			this.maxTraces = maxTraces;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

	private final Redact redact = new Redact();

	public Redact getRedact() {
		return this.redact;
	}

	/** Redaction of captured content before it is recorded on a span. */
	public static class Redact {

		/**
		 * Whether Cascade's own redaction runs at all (built-in secret patterns, presets and
		 * patterns). Redactor beans of the application run either way.
		 */
		private boolean enabled = true;

		/**
		 * Whether the built-in secret patterns are on: provider API keys (sk-..., sk-ant-...), AWS
		 * access key ids, Google API keys, GitHub and Slack tokens, Bearer credentials and PEM
		 * private key blocks.
		 */
		private boolean secrets = true;

		/**
		 * Opt-in presets for personal data: email, credit-card (Luhn-checked), phone, ip.
		 */
		private List<String> presets = new ArrayList<>();

		/**
		 * Regular expressions (java.util.regex) whose matches are redacted. Use non-capturing
		 * groups; numbered backreferences are not supported.
		 */
		private List<String> patterns = new ArrayList<>();

		/**
		 * Text that replaces each match.
		 */
		private String replacement = "[REDACTED]";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSecrets() {
			return this.secrets;
		}

		public void setSecrets(boolean secrets) {
			this.secrets = secrets;
		}

		public List<String> getPresets() {
			return this.presets;
		}

		public void setPresets(List<String> presets) {
			this.presets = presets;
		}

		public List<String> getPatterns() {
			return this.patterns;
		}

		public void setPatterns(List<String> patterns) {
			this.patterns = patterns;
		}

		public String getReplacement() {
			return this.replacement;
		}

		public void setReplacement(String replacement) {
			this.replacement = replacement;
		}

	}

}
