package com.runcascade.compatibility.app;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/** The Spring AI tool the emulator calls: it calls the first tool a request offers. */
@Component
public class WeatherTools {

	@Tool(description = "The current weather in a city")
	public String currentWeather(@ToolParam(description = "the city") String city) {
		return "18°C and sunny in " + city;
	}

}
