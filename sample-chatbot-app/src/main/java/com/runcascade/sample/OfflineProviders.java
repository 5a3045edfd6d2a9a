package com.runcascade.sample;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import com.runcascade.emulator.LlmEmulator;

/**
 * Offline by default: when no Anthropic API key is configured, starts the built-in provider
 * emulator on loopback and points Spring AI and the raw SDK client at it. With
 * {@code ANTHROPIC_API_KEY} set, nothing changes and the real provider is used.
 *
 * <p>
 * A listener to the prepared environment rather than an {@code EnvironmentPostProcessor}: that
 * interface moved package in Spring Boot 4, and this class serves both Boot lines of the sample
 * unchanged. It runs after Boot's own post-processors have loaded the configuration files.
 */
class OfflineProviders implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Log logger = LogFactory.getLog(OfflineProviders.class);

	static final String PROPERTY_SOURCE = "sampleOfflineProviders";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		SpringApplication application = event.getSpringApplication();
		if (StringUtils.hasText(environment.getProperty("spring.ai.anthropic.api-key"))
				|| !environment.getProperty("sample.offline.enabled", Boolean.class, true)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		LlmEmulator emulator = LlmEmulator.start();
		// A bean, so it closes after the web server's graceful shutdown has let running chats finish
		// (a JVM shutdown hook would race it and cut their provider calls off).
		application.addInitializers((context) -> {
			if (context instanceof GenericApplicationContext generic) {
				generic.registerBean("sampleLlmEmulator", LlmEmulator.class, () -> emulator);
			}
		});
		logger.info("No ANTHROPIC_API_KEY: talking to the built-in provider emulator at " + emulator.baseUrl());
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE,
					Map.of("spring.ai.anthropic.base-url", emulator.anthropicBaseUrl(), "spring.ai.anthropic.api-key",
							"offline-emulator", "sample.offline.base-url", emulator.anthropicBaseUrl())));
	}

}
