package com.runcascade.sample;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.runcascade.tracing.Function;

/** A helper the agent uses: traced as a Cascade function span. */
@Component
public class ItineraryFormatter {

	@Function
	public String formatConfirmation(Map<String, String> booking) {
		return "Booked " + booking.get("flightId") + " (" + booking.get("status") + "), reference "
				+ booking.get("reference");
	}

}
