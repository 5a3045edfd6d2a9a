package com.runcascade.tracing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces a helper method of a Spring bean as a Cascade function span: its arguments, result,
 * duration and failure. The method must be called through the Spring proxy.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Function {

	/**
	 * Function name, and span name. Defaults to the method name.
	 * @return the function name
	 */
	String name() default "";

}
