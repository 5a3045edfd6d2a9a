/**
 * Auto-configuration of the Cascade core: tracer, context span processor, sampler and resource.
 */
@NullMarked
package com.runcascade.tracing.autoconfigure;

import org.jspecify.annotations.NullMarked;
