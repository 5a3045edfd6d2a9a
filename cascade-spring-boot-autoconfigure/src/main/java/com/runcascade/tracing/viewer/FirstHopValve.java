package com.runcascade.tracing.viewer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.ServletException;
import org.apache.catalina.Valve;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.viewer.ViewerServlet.FirstHop;

/**
 * The first valve of Tomcat's engine: for a request to the viewer it notes the connection's peer,
 * the server name and any proxy header as they arrived, before Tomcat's {@code RemoteIpValve} (which
 * {@code server.forward-headers-strategy=native} adds) rewrites the client address from
 * {@code X-Forwarded-For} and removes that header. Other requests pass untouched.
 */
final class FirstHopValve extends ValveBase {

	private final Set<String> configuredHeaders;

	/**
	 * @param configuredHeaders names (lower case) of further headers that a {@code RemoteIpValve}
	 * was told to read, such as {@code server.tomcat.remoteip.remote-ip-header}
	 */
	FirstHopValve(Set<String> configuredHeaders) {
		super(true);
		this.configuredHeaders = configuredHeaders;
	}

	Set<String> configuredHeaders() {
		return this.configuredHeaders;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		// Tomcat maps the request to its servlet before the engine's valves run.
		Wrapper wrapper = request.getWrapper();
		if (wrapper != null && ViewerServlet.NAME.equals(wrapper.getName())) {
			request.setAttribute(ViewerServlet.FIRST_HOP_ATTRIBUTE, new FirstHop(request.getRemoteAddr(),
					request.getServerName(), ProxyHeaders.find(request.getHeaderNames(), this.configuredHeaders)));
		}
		getNext().invoke(request, response);
	}

	/**
	 * The engine valves with a first-hop valve in front, which checks the headers that the given
	 * {@code RemoteIpValve}s read too, whatever their names ({@code server.tomcat.remoteip.*-header});
	 * {@code null} when the engine valves have one already.
	 */
	static @Nullable List<Valve> inFrontOf(Collection<Valve> engineValves, Collection<Valve> contextValves) {
		if (engineValves.stream().anyMatch(FirstHopValve.class::isInstance)) {
			return null;
		}
		Set<String> configured = new HashSet<>();
		List<Valve> others = new ArrayList<>(engineValves);
		others.addAll(contextValves);
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
		valves.addAll(engineValves);
		return valves;
	}

	private static void add(Set<String> names, @Nullable String name) {
		if (name != null && !name.isBlank()) {
			names.add(name.trim().toLowerCase(Locale.ROOT));
		}
	}

}
