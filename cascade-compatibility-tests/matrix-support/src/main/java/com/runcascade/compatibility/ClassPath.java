package com.runcascade.compatibility;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.ClassUtils;

/**
 * The class paths of the matrix, one per module. Each names a few classes its module must have and
 * must not have, so that a dependency change that quietly alters a module's class path (a servlet
 * API arriving on the WebFlux one, say) fails the module instead of testing something else.
 */
public enum ClassPath {

	/** Spring MVC, Spring AI's OpenAI and Anthropic starters and the raw SDKs, without Cascade. */
	BASELINE_WEBMVC(false, Web.SERVLET, Metrics.NONE),

	/** WebFlux alone, Spring AI's starters and the raw SDKs, without Cascade. */
	BASELINE_WEBFLUX(false, Web.REACTIVE, Metrics.NONE),

	/** Spring MVC, Spring AI and the raw SDKs with the Cascade starter, nothing else. */
	WEBMVC(true, Web.SERVLET, Metrics.NONE),

	/** As {@link #WEBMVC}, with {@code spring-boot-starter-actuator}. */
	WEBMVC_ACTUATOR(true, Web.SERVLET, Metrics.ACTUATOR),

	/** As {@link #WEBMVC}, with actuator and {@code micrometer-registry-prometheus}. */
	WEBMVC_PROMETHEUS(true, Web.SERVLET, Metrics.PROMETHEUS),

	/** As {@link #WEBMVC}, with the user's own {@code spring-boot-starter-opentelemetry} (Boot 4). */
	WEBMVC_OPENTELEMETRY(true, Web.SERVLET, Metrics.OTLP),

	/**
	 * As {@link #WEBMVC}, with Boot 3.5's OpenTelemetry setup of the user's own: actuator,
	 * {@code micrometer-tracing-bridge-otel}, {@code opentelemetry-exporter-otlp} and
	 * {@code micrometer-registry-otlp} (Boot 3.5 has no OpenTelemetry starter, and traces only with
	 * the actuator).
	 */
	WEBMVC_ACTUATOR_OTLP(true, Web.SERVLET, Metrics.ACTUATOR_OTLP),

	/** WebFlux alone (no servlet API, no Tomcat), Spring AI and the raw SDKs with the Cascade starter. */
	WEBFLUX(true, Web.REACTIVE, Metrics.NONE),

	/** As {@link #WEBFLUX}, with actuator and {@code micrometer-registry-prometheus}. */
	WEBFLUX_PROMETHEUS(true, Web.REACTIVE, Metrics.PROMETHEUS);

	private static final String CASCADE = "com.runcascade.tracing.Cascade";

	private static final String OPENTELEMETRY_SDK = "io.opentelemetry.sdk.trace.SdkTracerProvider";

	private static final String SERVLET_API = "jakarta.servlet.Filter";

	private static final String TOMCAT = "org.apache.catalina.startup.Tomcat";

	private static final String REACTIVE_SERVER = BootLine.REACTIVE_SERVER;

	private static final String ACTUATOR = "org.springframework.boot.actuate.endpoint.annotation.Endpoint";

	private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

	private static final String PROMETHEUS = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

	private static final String OTLP_METRICS = "io.micrometer.registry.otlp.OtlpMeterRegistry";

	private static final String TRACING_BRIDGE = "io.micrometer.tracing.otel.bridge.OtelTracer";

	private static final String OTLP_SPAN_EXPORTER = "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter";

	private final boolean cascade;

	private final Web web;

	private final Metrics metrics;

	ClassPath(boolean cascade, Web web, Metrics metrics) {
		this.cascade = cascade;
		this.web = web;
		this.metrics = metrics;
	}

	/** Whether the Cascade starter is on this class path. */
	boolean cascade() {
		return this.cascade;
	}

	boolean reactive() {
		return this.web == Web.REACTIVE;
	}

	/** Whether the application has a {@code MeterRegistry} bean. */
	boolean meterRegistry() {
		return this.metrics != Metrics.NONE;
	}

	boolean prometheus() {
		return this.metrics == Metrics.PROMETHEUS;
	}

	boolean otlpMetrics() {
		return this.metrics == Metrics.OTLP || this.metrics == Metrics.ACTUATOR_OTLP;
	}

	/** The marker classes that this class path has and should not have, or has not and should have. */
	List<String> deviations(ClassLoader classLoader) {
		List<String> deviations = new ArrayList<>();
		expect(deviations, classLoader, CASCADE, this.cascade);
		expect(deviations, classLoader, OPENTELEMETRY_SDK, this.cascade || otlpMetrics());
		expect(deviations, classLoader, SERVLET_API, this.web == Web.SERVLET);
		expect(deviations, classLoader, TOMCAT, this.web == Web.SERVLET);
		expect(deviations, classLoader, REACTIVE_SERVER, this.web == Web.REACTIVE);
		boolean actuator = this.metrics == Metrics.ACTUATOR || this.metrics == Metrics.PROMETHEUS
				|| this.metrics == Metrics.ACTUATOR_OTLP;
		if (actuator || !this.cascade || !BootLine.CASCADE_STARTER_BRINGS_ACTUATOR) {
			expect(deviations, classLoader, ACTUATOR, actuator);
		}
		expect(deviations, classLoader, PROMETHEUS, this.metrics == Metrics.PROMETHEUS);
		expect(deviations, classLoader, OTLP_METRICS, otlpMetrics());
		if (this.metrics != Metrics.NONE) {
			expect(deviations, classLoader, METER_REGISTRY, true);
		}
		if (otlpMetrics()) {
			expect(deviations, classLoader, TRACING_BRIDGE, true);
			expect(deviations, classLoader, OTLP_SPAN_EXPORTER, true);
		}
		return deviations;
	}

	private static void expect(List<String> deviations, ClassLoader classLoader, String className, boolean present) {
		if (ClassUtils.isPresent(className, classLoader) != present) {
			deviations.add(className + (present ? " is missing" : " is present"));
		}
	}

	private enum Web {

		SERVLET, REACTIVE

	}

	private enum Metrics {

		NONE, ACTUATOR, PROMETHEUS,

		/** Boot 4's OpenTelemetry starter: OTLP metrics and traces, no actuator. */
		OTLP,

		/** Boot 3.5's equivalent: the actuator with the OTel tracing bridge and OTLP exporter and registry. */
		ACTUATOR_OTLP

	}

}
