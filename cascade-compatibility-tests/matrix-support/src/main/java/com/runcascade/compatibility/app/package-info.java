/**
 * The application of the compatibility matrix, the same with and without the Cascade starter.
 */
@NullMarked
package com.runcascade.compatibility.app;

import org.jspecify.annotations.NullMarked;
