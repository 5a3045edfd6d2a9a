package com.runcascade.tracing.viewer;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import com.runcascade.tracing.viewer.ViewerDefault.Decision;
import com.runcascade.tracing.viewer.ViewerDefault.Verdict;

/**
 * Whether the viewer's configuration is read at all: the part of {@link ViewerDefault}'s rule that
 * the environment and class path decide. When it lets the viewer on only for want of a span exporter,
 * {@link ViewerDefaultCheck} looks for one once every bean is defined.
 */
final class OnViewerEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Decision decision = ViewerDefault.decide(context.getEnvironment(), context.getClassLoader());
		if (decision.verdict() == Verdict.OFF) {
			decision.logOff();
			return ConditionOutcome.noMatch(decision.reason());
		}
		return ConditionOutcome.match(decision.reason());
	}

}
