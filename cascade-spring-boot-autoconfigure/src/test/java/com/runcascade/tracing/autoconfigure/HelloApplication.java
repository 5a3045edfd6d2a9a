package com.runcascade.tracing.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.tracing.BootLine;

/** A whole servlet application, auto-configured as Boot selects it from the test class path. */
@SpringBootConfiguration
@EnableAutoConfiguration
class HelloApplication {

	/** Properties every start needs: a random port, and keys for the Spring AI models on the class path. */
	static final String[] COMMON = { "server.port=0", "spring.main.banner-mode=off",
			"spring.ai.openai.api-key=not-used", "spring.ai.anthropic.api-key=not-used" };

	static String get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = BootLine.port(context);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	@RestController
	static class Hello {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
