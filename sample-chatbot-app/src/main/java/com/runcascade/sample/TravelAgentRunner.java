package com.runcascade.sample;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Runs the travel agent once at start-up. */
@Component
@ConditionalOnBooleanProperty(name = "sample.run-on-startup", matchIfMissing = true)
class TravelAgentRunner implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(TravelAgentRunner.class);

	private final TravelAgent agent;

	TravelAgentRunner(TravelAgent agent) {
		this.agent = agent;
	}

	@Override
	public void run(ApplicationArguments args) {
		logger.info(this.agent.plan("JFK", "NRT", "2026-12-04"));
	}

}
