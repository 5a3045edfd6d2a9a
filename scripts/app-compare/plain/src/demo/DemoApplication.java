package demo;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The application without Cascade: the same endpoint and tool bean, untraced. */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

	@Bean
	FlightTools flightTools() {
		return new FlightTools();
	}

	@RestController
	static class PlanController {

		private final FlightTools tools;

		PlanController(FlightTools tools) {
			this.tools = tools;
		}

		@GetMapping("/plan")
		List<String> plan(@RequestParam(defaultValue = "NRT") String to) {
			return this.tools.searchFlights("JFK", to, 2);
		}

	}

	public static class FlightTools {

		public List<String> searchFlights(String origin, String destination, int limit) {
			return List.of(origin + "-" + destination + "-0", origin + "-" + destination + "-1").subList(0, limit);
		}

	}

}
