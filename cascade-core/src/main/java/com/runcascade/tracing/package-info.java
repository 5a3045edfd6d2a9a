/**
 * The public API of Cascade (module {@code cascade-core}, no Spring): the {@link com.runcascade.tracing.Cascade} facade, the
 * injectable {@link com.runcascade.tracing.CascadeTracer}, scopes and the {@code @Tool} /
 * {@code @Function} annotations.
 */
@NullMarked
package com.runcascade.tracing;

import org.jspecify.annotations.NullMarked;
