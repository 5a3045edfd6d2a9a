/**
 * The sample application: an agent traced with Cascade for Spring.
 */
@NullMarked
package com.runcascade.sample;

import org.jspecify.annotations.NullMarked;
