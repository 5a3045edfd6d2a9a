/**
 * Spring AI integration: Cascade LLM and tool spans read from Spring AI's own chat model and tool
 * calling observations ({@link com.runcascade.tracing.springai.SpringAiObservationHandler}), for
 * every chat model and every tool, and the
 * {@link com.runcascade.tracing.springai.CascadeChatClientAdvisor} that adds what only a
 * {@code ChatClient} knows.
 */
@NullMarked
package com.runcascade.tracing.springai;

import org.jspecify.annotations.NullMarked;
