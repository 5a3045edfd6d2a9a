package com.runcascade.tracing;

/**
 * Custom redaction of captured content. Every {@code Redactor} bean of the application is applied,
 * in order, after Cascade's own patterns ({@code cascade.redact.*}) to every string Cascade records:
 * prompts, messages, completions, tool and function inputs and outputs, error messages and stack
 * traces, run and agent metadata. It works on the copy Cascade records; the traced code never sees
 * its result.
 *
 * <p>
 * Called on the traced thread for each captured value (at most {@code cascade.max-attribute-length}
 * plus a small margin of characters), so keep it fast and free of I/O. It must be thread-safe. When
 * it throws, the value is replaced by a placeholder rather than recorded unredacted.
 */
@FunctionalInterface
public interface Redactor {

	/**
	 * Return the text with whatever must not be recorded replaced.
	 * @param text captured text, never {@code null}
	 * @return the text to record
	 */
	String redact(String text);

}
