/**
 * The local trace viewer: an in-memory store of the recent traces that hold Cascade spans, and the
 * page and JSON API the application serves at {@code /cascade}.
 */
@NullMarked
package com.runcascade.tracing.viewer;

import org.jspecify.annotations.NullMarked;
