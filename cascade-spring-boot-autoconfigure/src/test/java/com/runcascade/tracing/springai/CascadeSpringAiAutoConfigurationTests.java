package com.runcascade.tracing.springai;

import java.util.concurrent.atomic.AtomicInteger;

import com.runcascade.emulator.LlmEmulator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.model.anthropic.autoconfigure.AnthropicChatAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.runcascade.tracing.BootLine;
import com.runcascade.tracing.autoconfigure.CascadeAutoConfiguration;
import com.runcascade.tracing.autoconfigure.CascadeLlmAutoConfiguration;
import com.runcascade.tracing.llm.LlmTracing;

import static com.runcascade.tracing.InMemoryTracing.ofType;
import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link CascadeSpringAiAutoConfiguration}. */
class CascadeSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BootLine.OPEN_TELEMETRY_SDK,
				BootLine.OPEN_TELEMETRY_TRACING, BootLine.OBSERVATION,
				BootLine.MICROMETER_TRACING, CascadeAutoConfiguration.class,
				CascadeLlmAutoConfiguration.class, CascadeSpringAiAutoConfiguration.class));

	@Test
	void registersTheAdvisorTheChatClientCustomizerAndTheObservationHandler() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CascadeChatClientAdvisor.class);
			assertThat(context).hasBean("cascadeChatClientCustomizer");
			assertThat(context).hasSingleBean(SpringAiObservationHandler.class);
			assertThat(context).hasBean("cascadeToolFailureRecorder");
			assertThat(context.getBean(CascadeChatClientAdvisor.class).getOrder())
				.isEqualTo(CascadeChatClientAdvisor.DEFAULT_ORDER);
		});
	}

	@Test
	void backsOffForAUserAdvisorAndRegistersThatOne() {
		this.contextRunner.withUserConfiguration(UserAdvisorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CascadeChatClientAdvisor.class).hasBean("userAdvisor");
			RecordingBuilder builder = new RecordingBuilder();
			context.getBean("cascadeChatClientCustomizer", ChatClientCustomizer.class).customize(builder.proxy());
			assertThat(builder.defaultAdvisorsCalls).hasValue(1);
		});
	}

	@Test
	void backsOffForAUserCustomizerOfTheSameName() {
		ChatClientCustomizer customizer = (builder) -> {
		};
		this.contextRunner.withBean("cascadeChatClientCustomizer", ChatClientCustomizer.class, () -> customizer)
			.run((context) -> assertThat(context.getBean("cascadeChatClientCustomizer")).isSameAs(customizer));
	}

	@Test
	void theAdvisorCanBeSwitchedOffAloneAndTheModelCaptureStays() {
		this.contextRunner.withPropertyValues("cascade.spring-ai.advisor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CascadeChatClientAdvisor.class)
				.doesNotHaveBean("cascadeChatClientCustomizer")
				.hasSingleBean(SpringAiObservationHandler.class));
	}

	@Test
	void isOffWhenTheSpringAiIntegrationIsDisabled() {
		this.contextRunner.withPropertyValues("cascade.spring-ai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CascadeChatClientAdvisor.class)
				.doesNotHaveBean(SpringAiObservationHandler.class));
	}

	@Test
	void isOffWhenCascadeIsDisabled() {
		this.contextRunner.withPropertyValues("cascade.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CascadeChatClientAdvisor.class)
				.doesNotHaveBean(SpringAiObservationHandler.class));
	}

	@Test
	void theObservationHandlerIsOrderedBeforeBootsTracingHandlers() {
		this.contextRunner.run((context) -> assertThat(context.getBean(SpringAiObservationHandler.class).getOrder())
			.isLessThan(BootLine.RECEIVER_TRACING_HANDLER_ORDER));
	}

	@Test
	void isOffWithoutLlmTracing() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CascadeSpringAiAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CascadeChatClientAdvisor.class));
	}

	@Test
	void withoutSpringAiChatClientOnlyTheModelCaptureIsRegistered() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class)).run((context) -> {
			assertThat(context).hasSingleBean(LlmTracing.class).hasSingleBean(SpringAiObservationHandler.class);
			assertThat(context).doesNotHaveBean(CascadeChatClientAdvisor.class)
				.doesNotHaveBean("cascadeChatClientCustomizer");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "org.springframework.ai", "io.micrometer.tracing" })
	void isOffWithoutItsOptionalLibraries(String hiddenPackage) {
		this.contextRunner.withClassLoader(new FilteredClassLoader(hiddenPackage)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SpringAiObservationHandler.class);
		});
	}

	@Test
	void everyChatClientFromTheAutoConfiguredBuilderIsTraced() {
		try (LlmEmulator emulator = LlmEmulator.start()) {
			SpringAiFixture.contextRunner(emulator)
				.withConfiguration(AutoConfigurations.of(AnthropicChatAutoConfiguration.class))
				.withPropertyValues(SpringAiTestLine.model("anthropic", "claude-haiku-4-5"))
				.run((context) -> {
					InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
					ChatClient first = context.getBean(ChatClient.Builder.class).build();
					ChatClient second = context.getBean(ChatClient.Builder.class).defaultSystem("Be brief.").build();
					first.prompt().user("Hello").call().content();
					second.prompt().user("Hello again").call().content();
					assertThat(ofType(exporter, "llm")).hasSize(2)
						.allSatisfy((span) -> assertThat(span.getName()).isEqualTo("llm.claude-haiku-4-5"));
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAdvisorConfiguration {

		@Bean
		CascadeChatClientAdvisor userAdvisor() {
			return new CascadeChatClientAdvisor(42);
		}

	}

	/** A {@code ChatClient.Builder} that counts the advisors it is given. */
	static final class RecordingBuilder {

		final AtomicInteger defaultAdvisorsCalls = new AtomicInteger();

		ChatClient.Builder proxy() {
			return (ChatClient.Builder) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { ChatClient.Builder.class }, (instance, method, args) -> {
						if (method.getName().equals("defaultAdvisors") && args[0] instanceof Object[] advisors) {
							// The user's advisor, and the one that traces tools no observation covers.
							assertThat(advisors).hasSize(2).hasExactlyElementsOfTypes(CascadeToolTracingAdvisor.class,
									CascadeChatClientAdvisor.class);
							assertThat(((CascadeChatClientAdvisor) advisors[1]).getOrder()).isEqualTo(42);
							this.defaultAdvisorsCalls.incrementAndGet();
						}
						return instance;
					});
		}

	}

}
