/**
 * The advisor that traces {@code @Tool}, {@code @Function} and {@code @CaptureReasoning} methods.
 */
@NullMarked
package com.runcascade.tracing.aspect;

import org.jspecify.annotations.NullMarked;
