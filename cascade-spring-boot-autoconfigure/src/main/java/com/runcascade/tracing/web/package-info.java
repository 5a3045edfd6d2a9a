/**
 * Maps HTTP conversations to Cascade sessions in servlet and reactive web applications, and
 * carries the session to other services as W3C baggage.
 */
@NullMarked
package com.runcascade.tracing.web;

import org.jspecify.annotations.NullMarked;
