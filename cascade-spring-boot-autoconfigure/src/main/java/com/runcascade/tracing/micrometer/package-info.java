/**
 * The Micrometer side of Cascade, wired by the auto-configuration when Micrometer is present: the
 * bridge that makes a Cascade context the current Micrometer observation inside an enclosing one
 * ({@link com.runcascade.tracing.micrometer.ObservationBridge},
 * {@link com.runcascade.tracing.micrometer.ObservationContextHook}), the context-propagation accessor
 * that carries Cascade's context across threads and Reactor hops
 * ({@link com.runcascade.tracing.micrometer.OpenTelemetryContextAccessor}), and the meters for LLM
 * calls and export ({@link com.runcascade.tracing.micrometer.MicrometerLlmMetrics},
 * {@link com.runcascade.tracing.micrometer.ExportMetrics}). Depends on the core only; internal.
 */
@NullMarked
package com.runcascade.tracing.micrometer;

import org.jspecify.annotations.NullMarked;
