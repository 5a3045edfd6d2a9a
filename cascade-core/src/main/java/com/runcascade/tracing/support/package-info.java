/**
 * Cascade's engine, shared by the integrations and internal (public only because the integration
 * packages need it): {@link com.runcascade.tracing.support.CascadeInstrumentation} (the OpenTelemetry
 * tracer, content capture and how a Cascade context becomes current, which every integration records
 * through), {@link com.runcascade.tracing.support.DefaultCascadeTracer} (Cascade's own tracer, built
 * on it), {@link com.runcascade.tracing.support.CascadeContext}
 * (agent, session and sampling marks in the OpenTelemetry context), content capture and redaction
 * ({@link com.runcascade.tracing.support.ContentFormatter}, {@link com.runcascade.tracing.support.Redaction}),
 * JSON through the application's Jackson or none ({@link com.runcascade.tracing.support.JsonEngine}),
 * the span processor that tags spans with agent and session
 * ({@link com.runcascade.tracing.support.CascadeContextSpanProcessor}), the sampler that keeps every
 * run ({@link com.runcascade.tracing.support.CascadeSampler}), the resource attributes
 * ({@link com.runcascade.tracing.support.CascadeResource}), error recording and usage roll-ups, and
 * the two seams the integrations plug into the engine:
 * {@link com.runcascade.tracing.support.CascadeScopeHook} (another facade sees a Cascade scope as
 * current; the Spring layer's Micrometer observation bridge is one) and {@link com.runcascade.tracing.support.LlmClientWrapper} (one SDK's clients, for
 * {@code wrapLlmClient}). It depends on the API package only; the API package does not depend on it.
 * It is part of {@code cascade-core}, which has no Spring, Micrometer or Reactor on its class path: the
 * auto-configurations read the properties and pass plain values.
 */
@NullMarked
package com.runcascade.tracing.support;

import org.jspecify.annotations.NullMarked;
