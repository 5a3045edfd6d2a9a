/**
 * Maps HTTP conversations to Cascade sessions in servlet and reactive web applications, and
 * carries the session to other services as W3C baggage.
 *
 * <p>
 * A servlet application has no Reactor or WebFlux, and a WebFlux application has no servlet API,
 * so each class here belongs to one stack or to neither, and a class never touches the API of a
 * stack it does not belong to (not in a logger name, a constant or a signature): servlet only are
 * {@code CascadeSessionFilter} and {@code SessionSamplingFilter}; reactive only are
 * {@code CascadeReactiveSessionFilter} and {@code SessionSamplingHttpHandler}; the rest (the
 * auto-configuration itself, {@code SessionResolver}, {@code SessionIds}, {@code SessionBaggage})
 * is shared and touches neither. The auto-configuration's nested configurations name their
 * stack's classes only in conditions, which are read without loading them.
 */
@NullMarked
package com.runcascade.tracing.web;

import org.jspecify.annotations.NullMarked;
