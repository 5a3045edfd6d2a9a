package com.runcascade.compatibility.boot3;

import org.springframework.stereotype.Component;

import com.runcascade.tracing.Tool;

/** A tool bean: Cascade traces its {@code @Tool} method when it is called through the proxy. */
@Component
public class WeatherTools {

	@Tool(description = "The current weather in a city")
	public String currentWeather(String city) {
		return "18°C and sunny in " + city;
	}

}
