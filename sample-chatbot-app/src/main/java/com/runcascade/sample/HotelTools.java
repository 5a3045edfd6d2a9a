package com.runcascade.sample;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;

import org.springframework.stereotype.Component;

/**
 * The hotel assistant's tool, a LangChain4j {@code @Tool} on a Spring bean. The AI service calls it
 * by reflection on this very bean (Cascade never proxies it); Cascade records each call as a tool
 * span from LangChain4j's tool event.
 */
@Component
public class HotelTools {

	@Tool("Hotels with free rooms in a city, with their nightly price.")
	public String findHotels(@P("City") String city) {
		return "Hotel Miradouro, " + city + ": 140 EUR a night; Casa do Rio, " + city + ": 95 EUR a night";
	}

}
