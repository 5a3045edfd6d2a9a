/**
 * Helpers shared by the integrations (content capture, JSON, truncation). Not a public API.
 */
@NullMarked
package com.runcascade.tracing.support;

import org.jspecify.annotations.NullMarked;
