/**
 * JMH benchmarks of Cascade's overhead on the traced application's hot path.
 */
@NullMarked
package com.runcascade.benchmarks;

import org.jspecify.annotations.NullMarked;
