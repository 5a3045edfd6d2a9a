package com.runcascade.tracing.sdk.openai;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.openai.core.ClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Names the provider behind an OpenAI SDK client from the host of its base URL: the SDK talks to
 * OpenAI and to every OpenAI-compatible service.
 *
 * <ul>
 * <li>{@code api.openai.com} (and any other {@code openai.com} host), or no base URL:
 * {@code openai}</li>
 * <li>{@code openrouter.ai}: {@code openrouter}</li>
 * <li>{@code *.openai.azure.com}, {@code *.cognitiveservices.azure.com},
 * {@code *.services.ai.azure.com}: {@code azure}</li>
 * <li>a few other well-known OpenAI-compatible APIs by name ({@code groq}, {@code deepseek},
 * {@code mistral}, {@code xai}, {@code together}, {@code fireworks}, {@code gemini},
 * {@code perplexity})</li>
 * <li>any other host, as it is: a local server gives {@code localhost} or {@code 127.0.0.1}, a
 * gateway its own host name</li>
 * </ul>
 */
final class OpenAiProviders {

	private static final Logger logger = LoggerFactory.getLogger(OpenAiProviders.class);

	static final String OPENAI = "openai";

	private static final Map<String, String> KNOWN_HOSTS = Map.of("openai.com", OPENAI, "openrouter.ai",
			"openrouter", "groq.com", "groq", "deepseek.com", "deepseek", "mistral.ai", "mistral", "x.ai", "xai",
			"together.xyz", "together", "fireworks.ai", "fireworks", "perplexity.ai", "perplexity");

	private static final String[] AZURE_DOMAINS = { ".openai.azure.com", ".cognitiveservices.azure.com",
			".services.ai.azure.com" };

	private OpenAiProviders() {
	}

	/**
	 * The provider a base URL points to.
	 * @param baseUrl the client's base URL, if known
	 * @return the provider name
	 */
	static String fromBaseUrl(@Nullable String baseUrl) {
		if (baseUrl == null || baseUrl.isBlank()) {
			return OPENAI;
		}
		String host;
		try {
			host = URI.create(baseUrl.trim()).getHost();
		}
		catch (IllegalArgumentException ex) {
			return OPENAI;
		}
		if (host == null || host.isEmpty()) {
			return OPENAI;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			return host.substring(1, host.length() - 1);
		}
		for (String azure : AZURE_DOMAINS) {
			if (host.endsWith(azure)) {
				return "azure";
			}
		}
		if (host.equals("generativelanguage.googleapis.com")) {
			return "gemini";
		}
		for (Map.Entry<String, String> known : KNOWN_HOSTS.entrySet()) {
			String domain = known.getKey();
			if (host.equals(domain) || host.endsWith("." + domain)) {
				return known.getValue();
			}
		}
		return host;
	}

	/**
	 * The provider of a client or service, found once on first use. The SDK exposes a client's base
	 * URL only through its options builder, so this asks {@code withOptions} for a builder, reads
	 * the URL from it and stops before any derived client is made.
	 * @param withOptions the {@code withOptions} method of an SDK client or service
	 * @return the provider, looked up on the first call and then kept
	 */
	static Supplier<String> of(Function<Consumer<ClientOptions.Builder>, ?> withOptions) {
		return new Supplier<>() {

			private volatile @Nullable String provider;

			@Override
			public String get() {
				String provider = this.provider;
				if (provider == null) {
					provider = fromBaseUrl(baseUrl(withOptions));
					this.provider = provider;
				}
				return provider;
			}

		};
	}

	private static @Nullable String baseUrl(Function<Consumer<ClientOptions.Builder>, ?> withOptions) {
		String[] baseUrl = new String[1];
		try {
			withOptions.apply((builder) -> {
				baseUrl[0] = builder.build().baseUrl();
				throw Stop.INSTANCE;
			});
		}
		catch (Stop ex) {
			// Expected: the builder was read, no derived client was made.
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Cascade could not read the base URL of an OpenAI client; recording provider 'openai'", ex);
		}
		return baseUrl[0];
	}

	/** Ends the {@code withOptions} call once the base URL is read. */
	private static final class Stop extends RuntimeException {

		static final Stop INSTANCE = new Stop();

		private Stop() {
			super(null, null, false, false);
		}

	}

}
