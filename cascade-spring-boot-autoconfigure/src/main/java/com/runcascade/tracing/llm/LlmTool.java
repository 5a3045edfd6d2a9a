package com.runcascade.tracing.llm;

import org.jspecify.annotations.Nullable;

/**
 * A tool offered to the model with a request, recorded in {@code llm.tools}.
 *
 * @param name the tool's name as the model sees it
 * @param description what the tool does, if known
 */
public record LlmTool(String name, @Nullable String description) {

}
