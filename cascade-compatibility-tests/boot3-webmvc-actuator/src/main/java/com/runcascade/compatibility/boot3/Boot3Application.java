package com.runcascade.compatibility.boot3;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application: {@code GET /weather/{city}} runs {@link WeatherAgent} inside a Cascade run. The
 * provider emulator's base URL comes from {@code app.emulator.base-url}.
 */
@SpringBootApplication
public class Boot3Application {

}
