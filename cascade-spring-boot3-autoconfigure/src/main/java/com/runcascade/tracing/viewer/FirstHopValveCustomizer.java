package com.runcascade.tracing.viewer;

import java.util.List;

import org.apache.catalina.Valve;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link FirstHopValve} first among Tomcat's engine valves, ahead of the {@code RemoteIpValve}
 * that Boot adds. It runs last among the customizers so that it sees every valve they added. Boot 3.5's
 * Tomcat factory; the class exists once per Boot line, with the same name.
 */
final class FirstHopValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	/** The factory class this line's customizer needs. */
	static final String TOMCAT_FACTORY = "org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory";

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		List<Valve> valves = FirstHopValve.inFrontOf(factory.getEngineValves(), factory.getContextValves());
		if (valves != null) {
			factory.setEngineValves(valves);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
