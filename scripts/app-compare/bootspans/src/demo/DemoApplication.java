package demo;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application without Cascade, tracing the same run, agent and tool as the Cascade variant with
 * Boot's own tools: three nested Micrometer observations (spans through Boot's OpenTelemetry
 * tracing), the tool's arguments and result written as JSON with the application's Jackson mapper
 * into the tool span, as Cascade captures them.
 */
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

		private final ObservationRegistry registry;

		private final ObjectMapper json;

		PlanController(FlightTools tools, ObservationRegistry registry, ObjectMapper json) {
			this.tools = tools;
			this.registry = registry;
			this.json = json;
		}

		@GetMapping("/plan")
		List<String> plan(@RequestParam(defaultValue = "NRT") String to) {
			return Observation.createNotStarted("PlanTrip", this.registry)
				.lowCardinalityKeyValue("cascade.span_type", "run")
				.observe(() -> Observation.createNotStarted("Planner", this.registry)
					.lowCardinalityKeyValue("cascade.span_type", "agent")
					.lowCardinalityKeyValue("cascade.agent_name", "Planner")
					.observe(() -> searchFlights("JFK", to, 2)));
		}

		private List<String> searchFlights(String origin, String destination, int limit) {
			Observation tool = Observation.createNotStarted("searchFlights", this.registry)
				.lowCardinalityKeyValue("cascade.span_type", "tool")
				.lowCardinalityKeyValue("tool.name", "searchFlights")
				.highCardinalityKeyValue("tool.input",
						this.json.writeValueAsString(List.of(origin, destination, limit)))
				.start();
			try (Observation.Scope scope = tool.openScope()) {
				List<String> result = this.tools.searchFlights(origin, destination, limit);
				tool.highCardinalityKeyValue("tool.output", this.json.writeValueAsString(result));
				return result;
			}
			finally {
				tool.stop();
			}
		}

	}

	public static class FlightTools {

		public List<String> searchFlights(String origin, String destination, int limit) {
			return List.of(origin + "-" + destination + "-0", origin + "-" + destination + "-1").subList(0, limit);
		}

	}

}
