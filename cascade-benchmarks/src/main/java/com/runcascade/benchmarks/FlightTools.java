package com.runcascade.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.runcascade.tracing.Tool;

/**
 * Tools whose bodies do nothing but return a prepared result, so a benchmark of a call through the
 * Cascade aspect measures the aspect. Public and not final: Spring proxies it with CGLIB.
 */
public class FlightTools {

	private static final List<String> FLIGHTS = List.of("JFK-NRT-0", "JFK-NRT-1");

	private static final Quote QUOTE = new Quote("it-4711", 184_250, "USD", true);

	@Tool(description = "Search available flights.")
	public List<String> searchFlights(String origin, String destination, int limit) {
		return FLIGHTS;
	}

	@Tool(name = "PriceItinerary", description = "Price a whole itinerary.")
	public Quote priceItinerary(Itinerary itinerary) {
		return QUOTE;
	}

	/** The same body without {@code @Tool}: called through the proxy, it costs Spring AOP alone. */
	public List<String> searchFlightsUntraced(String origin, String destination, int limit) {
		return FLIGHTS;
	}

	/**
	 * A larger tool argument: an itinerary of {@code legs} legs.
	 * @param legs how many legs
	 * @return the itinerary; about 150 characters of JSON per leg
	 */
	static Itinerary itinerary(int legs) {
		List<Leg> all = new ArrayList<>();
		for (int i = 0; i < legs; i++) {
			all.add(new Leg("CA" + (1000 + i), "PEK", "NRT", "2026-03-0" + (1 + i % 9) + "T08:30:00Z",
					"2026-03-0" + (1 + i % 9) + "T12:45:00Z", (i % 3 == 0) ? "business" : "economy", 42_000 + i));
		}
		return new Itinerary("it-4711", "Ada Lovelace", all, Map.of("seat", "aisle", "meal", "vegetarian"));
	}

	public record Itinerary(String id, String traveller, List<Leg> legs, Map<String, String> preferences) {
	}

	public record Leg(String flight, String from, String to, String departs, String arrives, String cabin,
			int priceCents) {
	}

	public record Quote(String itineraryId, int totalCents, String currency, boolean refundable) {
	}

}
