package com.runcascade.compatibility.app;

import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.compatibility.app.WeatherChat.Forecast;

/**
 * The endpoints of a servlet application: blocking calls on the request thread, as Spring MVC
 * applications make them, and a {@code Flux} for the streamed reply.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ServletWeatherController {

	private final WeatherChat chat;

	ServletWeatherController(WeatherChat chat) {
		this.chat = chat;
	}

	@GetMapping("/chat/{city}")
	String chat(@PathVariable String city) {
		return this.chat.call(city);
	}

	@GetMapping(path = "/chat/{city}/stream", produces = WebPaths.TEXT)
	Flux<String> stream(@PathVariable String city) {
		return this.chat.stream(city);
	}

	@GetMapping("/memory/{conversation}/{city}")
	String memory(@PathVariable String conversation, @PathVariable String city) {
		return this.chat.remember(conversation, city);
	}

	@GetMapping("/advised/{city}")
	String advised(@PathVariable String city) {
		return this.chat.advised(city);
	}

	@GetMapping("/forecast/{city}")
	Forecast forecast(@PathVariable String city) {
		return this.chat.forecast(city);
	}

	@GetMapping("/run/{city}")
	String run(@PathVariable String city) throws Exception {
		return this.chat.runCall(city);
	}

	@GetMapping("/run/{city}/stream")
	String runStream(@PathVariable String city) throws Exception {
		return this.chat.runStream(city);
	}

	@GetMapping("/raw/{city}")
	String raw(@PathVariable String city) throws Exception {
		return this.chat.raw(city);
	}

	@GetMapping("/raw/{city}/stream")
	String rawStream(@PathVariable String city) throws Exception {
		return this.chat.rawStream(city);
	}

}
