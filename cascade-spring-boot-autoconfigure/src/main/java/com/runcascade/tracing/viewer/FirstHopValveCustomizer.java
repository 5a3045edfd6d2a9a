package com.runcascade.tracing.viewer;

import java.util.ArrayList;
import java.util.List;

import org.apache.catalina.Valve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link FirstHopValve} first among Tomcat's engine valves, ahead of the {@code RemoteIpValve}
 * that Boot adds. It runs last among the customizers so that it sees every valve they added.
 */
final class FirstHopValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (factory.getEngineValves().stream().anyMatch(FirstHopValve.class::isInstance)) {
			return;
		}
		List<Valve> valves = new ArrayList<>();
		valves.add(new FirstHopValve());
		valves.addAll(factory.getEngineValves());
		factory.setEngineValves(valves);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
