package com.runcascade.tracing.viewer;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import com.runcascade.tracing.export.ExportSettings;

/**
 * Whether the viewer is on: {@code cascade.viewer.enabled} when it is set, otherwise only where a
 * developer runs the application. In order:
 * <ol>
 * <li>off with {@code cascade.enabled=false};</li>
 * <li>{@code cascade.viewer.enabled}, when set, decides;</li>
 * <li>off on a cloud platform that Boot detects (Kubernetes, Cloud Foundry, Heroku, ...);</li>
 * <li>on with Spring Boot DevTools on the class path (Boot's build plugins leave it out of
 * packaged applications);</li>
 * <li>off while spans are exported to Cascade (an API key or another endpoint);</li>
 * <li>off while the application has a span exporter of its own or of Boot's (a
 * {@code SpanExporter} bean, such as the OTLP exporter that
 * {@code management.opentelemetry.tracing.export.otlp.endpoint} configures, or a Micrometer
 * {@code SpanReporter} bean); this needs every bean definition, so it is checked after
 * configuration by {@link ViewerDefaultCheck};</li>
 * <li>on otherwise: nothing leaves the application, so the viewer is the only place to see the
 * traces.</li>
 * </ol>
 */
final class ViewerDefault {

	/** One logger for the decision, wherever it is taken: {@code logging.level.com.runcascade.tracing.viewer}. */
	static final Log logger = LogFactory.getLog(ViewerDefault.class);

	static final String DEVTOOLS_CLASS = "org.springframework.boot.devtools.restart.Restarter";

	private static final String SPAN_REPORTER_CLASS = "io.micrometer.tracing.exporter.SpanReporter";

	private ViewerDefault() {
	}

	/** What the environment and class path alone decide. */
	static Decision decide(Environment environment, @Nullable ClassLoader classLoader) {
		if (!environment.getProperty("cascade.enabled", Boolean.class, true)) {
			return new Decision(Verdict.OFF, "cascade.enabled is false", true);
		}
		Boolean enabled = environment.getProperty("cascade.viewer.enabled", Boolean.class);
		if (enabled != null) {
			return new Decision(enabled ? Verdict.ON : Verdict.OFF, "cascade.viewer.enabled is " + enabled, true);
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		if (platform != null && platform != CloudPlatform.NONE) {
			return new Decision(Verdict.OFF, "the application runs on " + platform, false);
		}
		if (ClassUtils.isPresent(DEVTOOLS_CLASS, classLoader)) {
			return new Decision(Verdict.ON, "Spring Boot DevTools is on the class path", false);
		}
		String export = ExportSettings.cascadeExport(environment::getProperty);
		if (export != null) {
			return new Decision(Verdict.OFF, "spans are exported to Cascade (" + export + ")", false);
		}
		return new Decision(Verdict.ON_WITHOUT_EXPORTER,
				"nothing is exported (no Cascade API key or endpoint, no span exporter)", false);
	}

	/** The beans that export spans out of the application, by name. */
	static List<String> spanExporters(ConfigurableListableBeanFactory beanFactory) {
		List<String> names = new ArrayList<>(List.of(beanFactory.getBeanNamesForType(SpanExporter.class, true, false)));
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		if (ClassUtils.isPresent(SPAN_REPORTER_CLASS, classLoader)) {
			Class<?> reporter = ClassUtils.resolveClassName(SPAN_REPORTER_CLASS, classLoader);
			names.addAll(List.of(beanFactory.getBeanNamesForType(reporter, true, false)));
		}
		return names;
	}

	enum Verdict {

		ON, OFF,

		/** On unless a span exporter bean shows up once every bean is defined. */
		ON_WITHOUT_EXPORTER

	}

	/**
	 * A verdict and why; {@code explicit} when a property decided it, so that the log does not
	 * suggest the property that was set.
	 */
	record Decision(Verdict verdict, String reason, boolean explicit) {

		/** Logs a viewer that is off at DEBUG: nothing to see in production unless asked for. */
		void logOff() {
			if (logger.isDebugEnabled()) {
				logger.debug("Cascade trace viewer off: " + this.reason
						+ (this.explicit ? "" : "; cascade.viewer.enabled=true turns it on"));
			}
		}

	}

}
