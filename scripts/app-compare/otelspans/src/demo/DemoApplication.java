package demo;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application without Cascade, tracing the same run, agent and tool as the Cascade variant by
 * hand with the raw OpenTelemetry API on Boot's SDK: the floor of {@code FloorBenchmark} at the
 * application level. Each span gets the attributes Cascade writes (span type, agent name, tool name),
 * is made current around its work, and the tool's arguments and result are written as JSON with the
 * application's Jackson mapper.
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

		private final Tracer tracer;

		private final ObjectMapper json;

		PlanController(FlightTools tools, OpenTelemetry openTelemetry, ObjectMapper json) {
			this.tools = tools;
			this.tracer = openTelemetry.getTracer("demo");
			this.json = json;
		}

		@GetMapping("/plan")
		List<String> plan(@RequestParam(defaultValue = "NRT") String to) {
			Span run = this.tracer.spanBuilder("PlanTrip").setAttribute("cascade.span_type", "run").startSpan();
			try (Scope runScope = run.makeCurrent()) {
				Span agent = this.tracer.spanBuilder("Planner")
					.setAttribute("cascade.span_type", "agent")
					.setAttribute("cascade.agent_name", "Planner")
					.startSpan();
				try (Scope agentScope = agent.makeCurrent()) {
					return searchFlights("JFK", to, 2);
				}
				finally {
					agent.end();
				}
			}
			finally {
				run.end();
			}
		}

		private List<String> searchFlights(String origin, String destination, int limit) {
			Span tool = this.tracer.spanBuilder("searchFlights")
				.setAttribute("cascade.span_type", "tool")
				.setAttribute("cascade.agent_name", "Planner")
				.setAttribute("tool.name", "searchFlights")
				.setAttribute("tool.input", this.json.writeValueAsString(
						Map.of("origin", origin, "destination", destination, "limit", limit)))
				.startSpan();
			try (Scope scope = tool.makeCurrent()) {
				List<String> result = this.tools.searchFlights(origin, destination, limit);
				tool.setAttribute("tool.output", this.json.writeValueAsString(result));
				return result;
			}
			finally {
				tool.end();
			}
		}

	}

	public static class FlightTools {

		public List<String> searchFlights(String origin, String destination, int limit) {
			return List.of(origin + "-" + destination + "-0", origin + "-" + destination + "-1").subList(0, limit);
		}

	}

}
