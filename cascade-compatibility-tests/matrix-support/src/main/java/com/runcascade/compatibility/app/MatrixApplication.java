package com.runcascade.compatibility.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application of the compatibility matrix: what a Spring AI service typically is. A
 * {@code ChatClient} from the auto-configured builder with a Spring AI {@code @Tool} bean
 * ({@link WeatherTools}), called and streamed, with {@code MessageChatMemoryAdvisor}, with
 * the tool loop in Spring AI's tool-calling advisor, and for structured output; raw Anthropic and
 * OpenAI SDK client beans next to it ({@link RawClients}); runs opened with
 * {@code Cascade.traceRun} ({@link Runs}). The same controllers serve a servlet and a reactive
 * application ({@link ServletWeatherController}, {@link ReactiveWeatherController}), whichever
 * the class path makes it.
 *
 * <p>The provider emulator's base URL comes from {@code matrix.emulator.base-url}; the chat model
 * is chosen with {@code spring.ai.model.chat} ({@code openai} or {@code anthropic}).
 */
@SpringBootApplication
public class MatrixApplication {

}
