package com.runcascade.sample;

import java.util.List;
import java.util.Map;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The planner's tools, offered to the model through Spring AI. Cascade traces each call as a tool
 * span (Spring AI {@code @Tool} methods are traced like Cascade's own).
 */
@Component
public class TravelTools {

	@Tool(name = "search_flights", description = "Search available flights to a destination city.")
	public List<Map<String, String>> searchFlights(@ToolParam(description = "Destination city") String destination) {
		String code = destination.length() >= 3 ? destination.substring(0, 3).toUpperCase() : destination.toUpperCase();
		return List.of(Map.of("id", "CA-" + code + "-101", "departs", "09:40", "price", "420 USD"),
				Map.of("id", "CA-" + code + "-205", "departs", "17:05", "price", "365 USD"));
	}

	@Tool(name = "weather_forecast", description = "Weather forecast for a city.")
	public Map<String, String> weather(@ToolParam(description = "City") String city) {
		return Map.of("city", city, "forecast", "mild and sunny", "high", "21C");
	}

}
