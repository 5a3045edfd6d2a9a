/**
 * Spring AI integration: Cascade LLM and tool spans read from Spring AI's own chat model and tool
 * calling observations ({@link com.runcascade.tracing.springai.SpringAiObservationHandler}), for
 * every chat model and every tool, and the
 * {@link com.runcascade.tracing.springai.CascadeChatClientAdvisor} that adds what only a
 * {@code ChatClient} knows. Spring AI API that differs between Spring AI 1.1 and 2.0 is used only
 * through {@code SpringAiLine}, the one file each line has its own version of.
 */
@NullMarked
package com.runcascade.tracing.springai;

import org.jspecify.annotations.NullMarked;
