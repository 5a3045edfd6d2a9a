/**
 * Spring AI integration: the {@link com.runcascade.tracing.springai.CascadeChatClientAdvisor}
 * that records one Cascade LLM span per model round trip of a {@code ChatClient}, and its
 * auto-configuration.
 */
@NullMarked
package com.runcascade.tracing.springai;

import org.jspecify.annotations.NullMarked;
