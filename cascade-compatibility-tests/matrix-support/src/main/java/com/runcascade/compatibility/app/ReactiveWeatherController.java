package com.runcascade.compatibility.app;

import java.util.concurrent.Callable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.compatibility.app.WeatherChat.Forecast;

/**
 * The endpoints of a WebFlux application: blocking calls moved to {@code boundedElastic}, as a
 * reactive application must, and the streamed reply returned as the {@code Flux} Spring AI gives.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class ReactiveWeatherController {

	private final WeatherChat chat;

	ReactiveWeatherController(WeatherChat chat) {
		this.chat = chat;
	}

	@GetMapping("/chat/{city}")
	Mono<String> chat(@PathVariable String city) {
		return blocking(() -> this.chat.call(city));
	}

	@GetMapping(path = "/chat/{city}/stream", produces = WebPaths.TEXT)
	Flux<String> stream(@PathVariable String city) {
		return this.chat.stream(city);
	}

	@GetMapping("/memory/{conversation}/{city}")
	Mono<String> memory(@PathVariable String conversation, @PathVariable String city) {
		return blocking(() -> this.chat.remember(conversation, city));
	}

	@GetMapping("/advised/{city}")
	Mono<String> advised(@PathVariable String city) {
		return blocking(() -> this.chat.advised(city));
	}

	@GetMapping("/forecast/{city}")
	Mono<Forecast> forecast(@PathVariable String city) {
		return blocking(() -> this.chat.forecast(city));
	}

	@GetMapping("/run/{city}")
	Mono<String> run(@PathVariable String city) {
		return blocking(() -> this.chat.runCall(city));
	}

	@GetMapping("/run/{city}/stream")
	Mono<String> runStream(@PathVariable String city) {
		return blocking(() -> this.chat.runStream(city));
	}

	@GetMapping("/raw/{city}")
	Mono<String> raw(@PathVariable String city) {
		return blocking(() -> this.chat.raw(city));
	}

	@GetMapping("/raw/{city}/stream")
	Mono<String> rawStream(@PathVariable String city) {
		return blocking(() -> this.chat.rawStream(city));
	}

	private static <T> Mono<T> blocking(Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
