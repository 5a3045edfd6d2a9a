package demo;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.runcascade.tracing.CascadeScope;
import com.runcascade.tracing.CascadeTracer;
import com.runcascade.tracing.Tool;

/** The application with Cascade: each request opens a run and an agent and calls one tool. */
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

		private final CascadeTracer tracer;

		PlanController(FlightTools tools, CascadeTracer tracer) {
			this.tools = tools;
			this.tracer = tracer;
		}

		@GetMapping("/plan")
		List<String> plan(@RequestParam(defaultValue = "NRT") String to) {
			try (CascadeScope run = this.tracer.traceRun("PlanTrip"); CascadeScope agent = this.tracer.traceAgent("Planner")) {
				return this.tools.searchFlights("JFK", to, 2);
			}
		}

	}

	public static class FlightTools {

		@Tool(description = "Search available flights.")
		public List<String> searchFlights(String origin, String destination, int limit) {
			return List.of(origin + "-" + destination + "-0", origin + "-" + destination + "-1").subList(0, limit);
		}

	}

}
