/**
 * The compatibility matrix's harness: each class-path module extends
 * {@link com.runcascade.compatibility.CompatibilityMatrixTests}.
 */
@NullMarked
package com.runcascade.compatibility;

import org.jspecify.annotations.NullMarked;
