package com.runcascade.sample;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.runcascade.tracing.Cascade;
import com.runcascade.tracing.CascadeScope;

/**
 * The Java form of the Cascade SDK's "Full example": an orchestrator run delegating to a planner
 * and an executor agent.
 */
@Component
public class TravelAgent {

	private final FlightTools tools;

	private final ItineraryFormatter formatter;

	public TravelAgent(FlightTools tools, ItineraryFormatter formatter) {
		this.tools = tools;
		this.formatter = formatter;
	}

	public String plan(String origin, String destination, String date) {
		try (CascadeScope run = Cascade.traceRun("TravelAgent", Map.of("origin", origin, "destination", destination))) {
			List<Map<String, String>> flights;
			try (CascadeScope planner = Cascade.traceAgent("PlannerAgent")) {
				flights = this.tools.searchFlights(origin, destination, date);
			}
			try (CascadeScope executor = Cascade.traceAgent("ExecutorAgent")) {
				Map<String, String> booking = this.tools.bookFlight(flights.get(0).get("id"));
				return this.formatter.formatConfirmation(booking);
			}
		}
	}

}
