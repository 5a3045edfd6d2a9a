package com.runcascade.tracing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces a method of a Spring bean as a Cascade tool span: its arguments, result, duration and
 * failure. The method must be called through the Spring proxy (not from inside the same bean).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Tool {

	/**
	 * Tool name, and span name. Defaults to the method name.
	 * @return the tool name
	 */
	String name() default "";

	/**
	 * What the tool does, recorded as {@code tool.description}.
	 * @return the description
	 */
	String description() default "";

}
