package com.runcascade.sample;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.runcascade.tracing.Tool;

/** The travel agent's tools: each call becomes a Cascade tool span. */
@Component
public class FlightTools {

	@Tool(description = "Search available flights.")
	public List<Map<String, String>> searchFlights(String origin, String destination, String date) {
		return List.of(Map.of("id", "CA-" + origin + "-" + destination + "-1", "departs", date + "T09:40"),
				Map.of("id", "CA-" + origin + "-" + destination + "-2", "departs", date + "T17:05"));
	}

	@Tool(name = "BookFlight", description = "Book a specific flight.")
	public Map<String, String> bookFlight(String flightId) {
		return Map.of("flightId", flightId, "status", "confirmed", "reference", "BK" + Math.abs(flightId.hashCode() % 10000));
	}

}
