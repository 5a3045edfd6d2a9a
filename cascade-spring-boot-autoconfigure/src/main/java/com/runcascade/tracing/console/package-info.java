/**
 * Prints each finished run as an indented span tree, for a first look without any backend.
 */
@NullMarked
package com.runcascade.tracing.console;

import org.jspecify.annotations.NullMarked;
