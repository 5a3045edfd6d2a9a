package com.runcascade.emulator;

import java.util.SplittableRandom;

/**
 * Provider-looking identifiers ({@code msg_01...}, {@code call_...}, {@code resp_...}) from a
 * seeded generator, so the same sequence of requests gets the same ids on every run.
 *
 * @author Cascade
 */
final class Ids {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final String HEX = "0123456789abcdef";

	private final SplittableRandom random = new SplittableRandom(20250101L);

	synchronized String base62(String prefix, int length) {
		return prefix + random(BASE62, length);
	}

	synchronized String hex(String prefix, int length) {
		return prefix + random(HEX, length);
	}

	private String random(String alphabet, int length) {
		StringBuilder id = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			id.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return id.toString();
	}

}
