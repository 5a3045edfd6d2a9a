package com.runcascade.tracing.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import com.runcascade.tracing.export.ExportSettings;

/**
 * Configuration of Cascade for Spring, under the {@code cascade} prefix. With Boot's relaxed
 * binding, {@code CASCADE_API_KEY} and {@code CASCADE_ENDPOINT} work as environment variables.
 * Each integration's own group has its own class: {@link CascadeExportProperties},
 * {@link CascadeSessionProperties}, {@link CascadeViewerProperties}, {@link CascadeConsoleProperties},
 * {@link CascadeRedactProperties}.
 */
@ConfigurationProperties("cascade")
public class CascadeProperties {

	/** The Cascade backend's OTLP traces endpoint. */
	public static final String DEFAULT_ENDPOINT = ExportSettings.CASCADE_ENDPOINT;

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
	 * Longest captured value. The size's number of bytes is taken as a number of characters: 16KB
	 * allows 16,384 characters. Longer values are cut and marked with their original length.
	 */
	private DataSize maxAttributeLength = DataSize.ofKilobytes(16);

	private final SpringAi springAi = new SpringAi();

	private final LangChain4j langchain4j = new LangChain4j();

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

	public LangChain4j getLangchain4j() {
		return this.langchain4j;
	}

	public SpringAi getSpringAi() {
		return this.springAi;
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

	/** The LangChain4j integration. */
	public static class LangChain4j {

		/**
		 * Whether every LangChain4j chat model bean records its requests as Cascade LLM spans, and AI
		 * service calls and their tool executions are recorded as agents and tool spans.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
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

}
