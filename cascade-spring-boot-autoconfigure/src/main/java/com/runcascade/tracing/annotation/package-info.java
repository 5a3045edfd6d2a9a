/**
 * The advisor that traces {@code @Tool}, {@code @Function} and {@code @CaptureReasoning} methods.
 */
@NullMarked
package com.runcascade.tracing.annotation;

import org.jspecify.annotations.NullMarked;
