package com.runcascade.tracing.viewer;

import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The request headers that proxies add and clients never send: one of them means the request came
 * through a proxy, whatever address it now seems to come from. Only header names are read.
 */
final class ProxyHeaders {

	/** Exact names (lower case), each with the spelling shown in the viewer's 403. */
	private static final Map<String, String> NAMES = Map.of("forwarded", "Forwarded", "x-real-ip", "X-Real-IP",
			"via", "Via", "true-client-ip", "True-Client-IP", "cf-connecting-ip", "CF-Connecting-IP", "x-client-ip",
			"X-Client-IP", "x-cluster-client-ip", "X-Cluster-Client-IP", "fastly-client-ip", "Fastly-Client-IP",
			"x-proxied-https", "X-Proxied-Https");

	/** X-Forwarded-For, -Host, -Proto, -Port, -Prefix, -Server, -Ssl, and X-Forwarded itself. */
	private static final String X_FORWARDED = "x-forwarded";

	private ProxyHeaders() {
	}

	/** The first proxy header among the names, as the viewer names it, or null when there is none. */
	static @Nullable String find(@Nullable Enumeration<String> names) {
		return find(names, Set.of());
	}

	/**
	 * The first proxy header among the names, or null: one of the well-known ones, or one of the
	 * {@code configured} names (lower case) that the server was told to read client data from.
	 */
	static @Nullable String find(@Nullable Enumeration<String> names, Set<String> configured) {
		if (names == null) {
			return null;
		}
		while (names.hasMoreElements()) {
			String name = names.nextElement();
			String kind = kind(name);
			if (kind == null && name != null && configured.contains(name.toLowerCase(Locale.ROOT))) {
				kind = name.toLowerCase(Locale.ROOT);
			}
			if (kind != null) {
				return kind;
			}
		}
		return null;
	}

	/** How the viewer names a proxy header, or null when the header is not one. */
	static @Nullable String kind(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith(X_FORWARDED)) {
			// Not echoed as sent: the name after the prefix is whatever the client chose.
			return "X-Forwarded-*";
		}
		return NAMES.get(lower);
	}

}
