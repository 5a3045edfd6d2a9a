package com.runcascade.tracing.autoconfigure;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import com.runcascade.tracing.CascadeAttributes;

/** The resource attributes Cascade adds to the application's one tracer provider. */
final class CascadeResource {

	private final CascadeProperties properties;

	private final Environment environment;

	CascadeResource(CascadeProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	String project() {
		if (StringUtils.hasText(this.properties.getProject())) {
			return this.properties.getProject();
		}
		return this.environment.getProperty("spring.application.name", "default");
	}

	Resource build() {
		String project = project();
		AttributesBuilder attributes = Attributes.builder()
			.put("service.name", project)
			.put(CascadeAttributes.PROJECT, project)
			.put(CascadeAttributes.ENVIRONMENT, this.properties.getEnvironment());
		// "local" is only the default: claim a deployment environment only when one was configured.
		if (this.environment.containsProperty("cascade.environment")) {
			attributes.put("deployment.environment", this.properties.getEnvironment());
		}
		if (StringUtils.hasText(this.properties.getVersion())) {
			attributes.put("service.version", this.properties.getVersion());
		}
		if (StringUtils.hasText(this.properties.getUserId())) {
			attributes.put(CascadeAttributes.USER_ID, this.properties.getUserId());
		}
		this.properties.getMetadata().forEach((key, value) -> attributes.put("cascade." + key, value));
		return Resource.create(attributes.build());
	}

}
