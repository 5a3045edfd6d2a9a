package com.runcascade.compatibility;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a quiet log means for the matrix: no line logged at ERROR (or {@code SEVERE}, for
 * java.util.logging printing on its own), and no stack trace.
 */
final class QuietLog {

	private static final Pattern ERROR = Pattern.compile("^\\S+\\s+(ERROR|SEVERE)\\b|^(ERROR|SEVERE)[: ]");

	private static final Pattern STACK_TRACE = Pattern.compile("^\\s+at [\\w$.<>/]+\\(.*\\)|^Caused by: "
			+ "|^\\s*\\.\\.\\. \\d+ (more|common frames omitted)|^Exception in thread ");

	private static final int MAX_LINES = 60;

	private QuietLog() {
	}

	/** The offending lines of a piece of log, with the line before each stack trace; empty when quiet. */
	static List<String> problems(String log) {
		String[] lines = log.split("\\R");
		List<String> problems = new java.util.ArrayList<>();
		for (int i = 0; i < lines.length && problems.size() < MAX_LINES; i++) {
			String line = lines[i];
			boolean stack = STACK_TRACE.matcher(line).find();
			if (ERROR.matcher(line).find() || stack) {
				if (stack && i > 0 && !STACK_TRACE.matcher(lines[i - 1]).find()
						&& (problems.isEmpty() || !problems.get(problems.size() - 1).equals(lines[i - 1]))) {
					problems.add(lines[i - 1]);
				}
				problems.add(line);
			}
		}
		return problems;
	}

	static String describe(List<String> problems) {
		return String.join("\n", problems);
	}

}
