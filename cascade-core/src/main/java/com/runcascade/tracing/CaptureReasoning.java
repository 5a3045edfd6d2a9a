package com.runcascade.tracing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Traces a method of a Spring bean as a Cascade reasoning span ({@code cascade.span_type=reasoning}):
 * a step where the application reasons, such as planning or reflecting on a result, with its
 * arguments as {@code reasoning.input}, its result as {@code reasoning.output}, its duration, and
 * its failure as {@code reasoning.error}. The counterpart of the Cascade Python SDK's
 * {@code @capture_reasoning}. The method must be called through the Spring proxy.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CaptureReasoning {

	/**
	 * Reasoning step name ({@code reasoning.name}), and span name. Defaults to the method name.
	 * @return the name
	 */
	String name() default "";

}
