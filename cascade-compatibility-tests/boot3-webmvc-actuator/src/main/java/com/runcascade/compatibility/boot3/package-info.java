/**
 * A Spring Boot 3.5 Spring MVC application with the actuator that adds only
 * {@code cascade-spring-boot3-starter}: an agent with a Cascade {@code @Tool} and the raw
 * Anthropic and OpenAI SDK clients, called and streamed inside {@code Cascade.traceRun}.
 */
@NullMarked
package com.runcascade.compatibility.boot3;

import org.jspecify.annotations.NullMarked;
