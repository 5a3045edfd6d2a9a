package com.runcascade.tracing.springai;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Reads what Spring AI's provider-neutral {@code Usage} leaves out from the provider's own usage
 * object: the reasoning tokens. Spring AI's OpenAI model keeps the SDK's {@code CompletionUsage}
 * there; the SDK is optional, so its types are only touched when it is on the class path.
 */
final class NativeUsage {

	private static final boolean OPENAI_PRESENT = ClassUtils
		.isPresent("com.openai.models.completions.CompletionUsage", NativeUsage.class.getClassLoader());

	private NativeUsage() {
	}

	/**
	 * The reasoning tokens of a provider's usage object, or {@code null} when it has none.
	 * @param nativeUsage what {@code Usage.getNativeUsage()} returns
	 * @return the reasoning tokens
	 */
	static @Nullable Long reasoningTokens(@Nullable Object nativeUsage) {
		if (nativeUsage == null || !OPENAI_PRESENT) {
			return null;
		}
		try {
			return OpenAi.reasoningTokens(nativeUsage);
		}
		catch (RuntimeException | LinkageError ex) {
			return null;
		}
	}

	/** Loaded only when the OpenAI SDK is present. */
	private static final class OpenAi {

		static @Nullable Long reasoningTokens(Object nativeUsage) {
			if (nativeUsage instanceof com.openai.models.completions.CompletionUsage usage) {
				return usage.completionTokensDetails().flatMap((details) -> details.reasoningTokens()).orElse(null);
			}
			return null;
		}

	}

}
