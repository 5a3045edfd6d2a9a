package com.runcascade.compatibility.boot3;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class WeatherController {

	private final WeatherAgent agent;

	WeatherController(WeatherAgent agent) {
		this.agent = agent;
	}

	@GetMapping("/weather/{city}")
	String weather(@PathVariable String city) throws Exception {
		return this.agent.answer(city);
	}

}
