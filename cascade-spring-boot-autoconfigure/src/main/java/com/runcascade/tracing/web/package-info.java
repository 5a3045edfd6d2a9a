/**
 * Maps HTTP conversations to Cascade sessions in servlet web applications.
 */
@NullMarked
package com.runcascade.tracing.web;

import org.jspecify.annotations.NullMarked;
