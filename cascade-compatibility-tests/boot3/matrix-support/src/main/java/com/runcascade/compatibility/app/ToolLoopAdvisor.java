package com.runcascade.compatibility.app;

import org.springframework.ai.chat.client.advisor.ToolCallAdvisor;
import org.springframework.ai.chat.client.advisor.api.Advisor;

/** Spring AI 1.1's advisor that runs the tool loop ({@code ToolCallingAdvisor} on 2.0). */
final class ToolLoopAdvisor {

	private ToolLoopAdvisor() {
	}

	/** As in Spring AI's own examples: with its default {@code ToolCallingManager}. */
	static Advisor create() {
		return ToolCallAdvisor.builder().build();
	}

}
