/**
 * Tracing of LangChain4j chat models. {@link com.runcascade.tracing.langchain4j.CascadeChatModelListener}
 * is a LangChain4j {@code ChatModelListener} that records one Cascade LLM span per model request,
 * synchronous or streamed, with the attributes, cost and run totals of every other LLM
 * integration. Spring-free: the Spring Boot auto-configuration gives it to every chat model bean;
 * other applications pass it to their models' builders. LangChain4j ({@code langchain4j-core}) is
 * an optional dependency: nothing here is loaded without it.
 */
@NullMarked
package com.runcascade.tracing.langchain4j;

import org.jspecify.annotations.NullMarked;
