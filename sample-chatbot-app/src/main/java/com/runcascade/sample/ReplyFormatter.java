package com.runcascade.sample;

import org.springframework.stereotype.Component;

import com.runcascade.tracing.Function;

/** The executor's helper: traced as a Cascade function span. */
@Component
public class ReplyFormatter {

	@Function(name = "format_reply")
	public String format(String plan, String answer) {
		return answer.strip() + "\n\n(Plan: " + plan.strip() + ")";
	}

}
