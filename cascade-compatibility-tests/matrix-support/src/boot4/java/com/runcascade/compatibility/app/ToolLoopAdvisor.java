package com.runcascade.compatibility.app;

import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.client.advisor.api.Advisor;

/** Spring AI 2.0's advisor that runs the tool loop ({@code ToolCallAdvisor} on 1.1). */
final class ToolLoopAdvisor {

	private ToolLoopAdvisor() {
	}

	/** As in Spring AI's own examples: with its default {@code ToolCallingManager}. */
	static Advisor create() {
		return ToolCallingAdvisor.builder().build();
	}

}
