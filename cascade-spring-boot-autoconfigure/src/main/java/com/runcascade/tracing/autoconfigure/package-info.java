/**
 * Auto-configuration of the Cascade core (tracer, context span processor, sampler, resource) and
 * the bound {@code cascade.*} properties. Spring wiring only: it hands the runtime classes of
 * {@code support} and of the integration packages plain values, never the properties.
 */
@NullMarked
package com.runcascade.tracing.autoconfigure;

import org.jspecify.annotations.NullMarked;
