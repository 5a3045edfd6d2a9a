package com.runcascade.tracing.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Redaction of captured content before it is recorded on a span. */
@ConfigurationProperties("cascade.redact")
public class CascadeRedactProperties {

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
