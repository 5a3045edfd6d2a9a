/**
 * The advisor (and the {@code @AspectJ} aspect) that trace {@code @Tool} and {@code @Function} methods.
 */
@NullMarked
package com.runcascade.tracing.aspect;

import org.jspecify.annotations.NullMarked;
