/**
 * Export of Cascade spans over OTLP to the Cascade backend.
 */
@NullMarked
package com.runcascade.tracing.export;

import org.jspecify.annotations.NullMarked;
