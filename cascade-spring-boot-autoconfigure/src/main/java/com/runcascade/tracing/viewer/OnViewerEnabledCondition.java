package com.runcascade.tracing.viewer;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.runcascade.tracing.autoconfigure.CascadeProperties;

/**
 * The viewer is on when {@code cascade.viewer.enabled=true}, off when it is false, and otherwise on
 * only while nothing is exported to Cascade: no API key and the default endpoint, the same rule the
 * export uses to stay off. An application that sends its traces somewhere therefore does not also
 * serve them unless it asks to. Nothing is on when {@code cascade.enabled=false}.
 */
final class OnViewerEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (!environment.getProperty("cascade.enabled", Boolean.class, true)) {
			return ConditionOutcome.noMatch("cascade.enabled is false");
		}
		Boolean enabled = environment.getProperty("cascade.viewer.enabled", Boolean.class);
		if (enabled != null) {
			return new ConditionOutcome(enabled, "cascade.viewer.enabled is " + enabled);
		}
		boolean hasKey = StringUtils.hasText(environment.getProperty("cascade.api-key"));
		String endpoint = environment.getProperty("cascade.endpoint", CascadeProperties.DEFAULT_ENDPOINT);
		if (!hasKey && CascadeProperties.DEFAULT_ENDPOINT.equals(endpoint)) {
			return ConditionOutcome.match("nothing is exported to Cascade (no cascade.api-key, default endpoint)");
		}
		return ConditionOutcome.noMatch("spans are exported to " + endpoint + "; set cascade.viewer.enabled=true to view them locally too");
	}

}
