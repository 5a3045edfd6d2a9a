package com.runcascade.tracing.web;

import org.jspecify.annotations.Nullable;

/** What makes a session id acceptable from a client: 1 to 128 of {@code [A-Za-z0-9._:-]}. */
final class SessionIds {

	static final int MAX_LENGTH = 128;

	private SessionIds() {
	}

	/**
	 * Why a client-sent id cannot be used.
	 * @param id the header value
	 * @return the reason, or {@code null} when the id is valid
	 */
	static @Nullable String problem(String id) {
		if (id.isEmpty()) {
			return "it is empty";
		}
		if (id.length() > MAX_LENGTH) {
			return "it is " + id.length() + " characters long (at most " + MAX_LENGTH + " are allowed)";
		}
		for (int i = 0; i < id.length(); i++) {
			if (!isAllowed(id.charAt(i))) {
				return "character " + (i + 1) + " is not a letter, digit, '.', '_', ':' or '-'";
			}
		}
		return null;
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == ':' || c == '-';
	}

}
