package com.runcascade.tracing.viewer;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.AccessLogValve;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class FirstHopValveCustomizerTests {

	@Test
	void putsTheValveFirstAndHasItCheckTheHeadersThatRemoteIpValvesRead() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
		RemoteIpValve remoteIp = new RemoteIpValve();
		remoteIp.setRemoteIpHeader("X-Client-Address");
		remoteIp.setProtocolHeader("X-Scheme");
		AccessLogValve accessLog = new AccessLogValve();
		factory.addEngineValves(remoteIp, accessLog);
		RemoteIpValve inContext = new RemoteIpValve();
		inContext.setHostHeader("X-Original-Host");
		factory.addContextValves(inContext);

		new FirstHopValveCustomizer().customize(factory);
		new FirstHopValveCustomizer().customize(factory);

		assertThat(factory.getEngineValves()).hasSize(3);
		Valve first = factory.getEngineValves().iterator().next();
		assertThat(first).isInstanceOf(FirstHopValve.class);
		assertThat(factory.getEngineValves()).containsSubsequence(first, remoteIp, accessLog);
		assertThat(((FirstHopValve) first).configuredHeaders()).contains("x-client-address", "x-scheme",
				"x-original-host", "x-forwarded-by");
	}

}
