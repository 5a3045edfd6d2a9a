package com.runcascade.tracing.llm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelNamesTests {

	@Test
	void plainNameIsItsOnlyCandidate() {
		assertThat(ModelNames.candidates("gpt-4o")).containsExactly("gpt-4o");
	}

	@Test
	void nameIsTrimmedAndLowerCased() {
		assertThat(ModelNames.candidates("  Claude-Sonnet-4 ")).containsExactly("claude-sonnet-4");
	}

	@Test
	void anthropicSnapshotDateIsRemoved() {
		assertThat(ModelNames.candidates("claude-sonnet-4-20250514")).containsExactly("claude-sonnet-4-20250514",
				"claude-sonnet-4");
	}

	@Test
	void openAiSnapshotDateIsRemoved() {
		assertThat(ModelNames.candidates("gpt-4o-2024-08-06")).containsExactly("gpt-4o-2024-08-06", "gpt-4o");
	}

	@Test
	void latestSuffixIsRemoved() {
		assertThat(ModelNames.candidates("claude-3-7-sonnet-latest")).containsExactly("claude-3-7-sonnet-latest",
				"claude-3-7-sonnet");
	}

	@Test
	void vertexVersionIsRemoved() {
		assertThat(ModelNames.candidates("claude-sonnet-4@20250514")).containsExactly("claude-sonnet-4@20250514",
				"claude-sonnet-4");
	}

	@Test
	void geminiVersionIsRemoved() {
		assertThat(ModelNames.candidates("gemini-2.0-flash-001")).containsExactly("gemini-2.0-flash-001",
				"gemini-2.0-flash");
	}

	@Test
	void vendorPrefixIsRemovedAfterTheFullNameIsTried() {
		assertThat(ModelNames.candidates("anthropic/claude-sonnet-4-20250514")).containsExactly(
				"anthropic/claude-sonnet-4-20250514", "anthropic/claude-sonnet-4", "claude-sonnet-4-20250514",
				"claude-sonnet-4");
	}

	@Test
	void numbersThatAreNotDatesAreKept() {
		assertThat(ModelNames.candidates("gpt-4-0613")).containsExactly("gpt-4-0613");
		assertThat(ModelNames.candidates("mistral-large-2411")).containsExactly("mistral-large-2411");
	}

}
