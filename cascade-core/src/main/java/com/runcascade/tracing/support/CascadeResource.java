package com.runcascade.tracing.support;

import java.util.Map;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import org.jspecify.annotations.Nullable;

import com.runcascade.tracing.CascadeAttributes;

/**
 * The resource attributes Cascade adds to the application's one tracer provider. Internal: public
 * only for the auto-configuration.
 * @param project the project, also the service name
 * @param environment the Cascade environment
 * @param deploymentEnvironment whether the environment was configured (rather than the default), so
 * it is also claimed as the deployment environment
 * @param version the service version, or {@code null} or blank for none
 * @param userId the user id, or {@code null} or blank for none
 * @param metadata extra attributes, each named {@code cascade.<key>}
 */
public record CascadeResource(String project, String environment, boolean deploymentEnvironment,
		@Nullable String version, @Nullable String userId, Map<String, String> metadata) {

	public CascadeResource {
		metadata = Map.copyOf(metadata);
	}

	public Resource build() {
		AttributesBuilder attributes = Attributes.builder()
			.put("service.name", this.project)
			.put(CascadeAttributes.PROJECT, this.project)
			.put(CascadeAttributes.ENVIRONMENT, this.environment);
		// "local" is only the default: claim a deployment environment only when one was configured.
		if (this.deploymentEnvironment) {
			attributes.put("deployment.environment", this.environment);
		}
		if (hasText(this.version)) {
			attributes.put("service.version", this.version);
		}
		if (hasText(this.userId)) {
			attributes.put(CascadeAttributes.USER_ID, this.userId);
		}
		this.metadata.forEach((key, value) -> attributes.put("cascade." + key, value));
		return Resource.create(attributes.build());
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
