package com.runcascade.tracing.viewer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link FirstHopValve} first among Tomcat's engine valves, ahead of the {@code RemoteIpValve}
 * that Boot adds. It runs last among the customizers so that it sees every valve they added, and
 * it has the valve check the headers that those {@code RemoteIpValve}s read too, whatever their
 * names ({@code server.tomcat.remoteip.*-header}).
 */
final class FirstHopValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		if (factory.getEngineValves().stream().anyMatch(FirstHopValve.class::isInstance)) {
			return;
		}
		Set<String> configured = new HashSet<>();
		List<Valve> others = new ArrayList<>(factory.getEngineValves());
		others.addAll(factory.getContextValves());
		for (Valve valve : others) {
			if (valve instanceof RemoteIpValve remoteIp) {
				add(configured, remoteIp.getRemoteIpHeader());
				add(configured, remoteIp.getProxiesHeader());
				add(configured, remoteIp.getProtocolHeader());
				add(configured, remoteIp.getHostHeader());
				add(configured, remoteIp.getPortHeader());
			}
		}
		List<Valve> valves = new ArrayList<>();
		valves.add(new FirstHopValve(Set.copyOf(configured)));
		valves.addAll(factory.getEngineValves());
		factory.setEngineValves(valves);
	}

	private static void add(Set<String> names, @Nullable String name) {
		if (name != null && !name.isBlank()) {
			names.add(name.trim().toLowerCase(Locale.ROOT));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
