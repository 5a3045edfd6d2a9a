package com.runcascade.tracing.viewer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;

import com.runcascade.tracing.viewer.ViewerDefault.Decision;
import com.runcascade.tracing.viewer.ViewerDefault.Verdict;

/**
 * Finishes {@link ViewerDefault}'s rule once every bean is defined, which a condition cannot do (an
 * exporter may come from an auto-configuration read after the viewer's): when the viewer was let on
 * only for want of a span exporter and there is one, the viewer's beans are removed again. Then it
 * logs, once, where the viewer is and why it is on (INFO), or why it is off (DEBUG).
 */
final class ViewerDefaultCheck implements BeanFactoryPostProcessor {

	private final Environment environment;

	private final boolean allowRemote;

	ViewerDefaultCheck(Environment environment) {
		this.environment = environment;
		this.allowRemote = environment.getProperty("cascade.viewer.allow-remote", Boolean.class, false);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		Decision decision = ViewerDefault.decide(this.environment, beanFactory.getBeanClassLoader());
		if (decision.verdict() == Verdict.ON_WITHOUT_EXPORTER) {
			decision = withExporters(decision, beanFactory);
		}
		if (decision.verdict() == Verdict.OFF) {
			removeViewer(beanFactory);
			decision.logOff();
			return;
		}
		ViewerDefault.logger.info("Cascade trace viewer at "
				+ this.environment.getProperty("server.servlet.context-path", "") + ViewerServlet.PATH
				+ (this.allowRemote ? " for every client (cascade.viewer.allow-remote)"
						: " for direct requests from this machine only")
				+ ": on because " + decision.reason()
				+ (decision.explicit() ? "" : "; cascade.viewer.enabled=false turns it off"));
	}

	private static Decision withExporters(Decision decision, ConfigurableListableBeanFactory beanFactory) {
		try {
			List<String> exporters = ViewerDefault.spanExporters(beanFactory);
			if (exporters.isEmpty()) {
				return decision;
			}
			return new Decision(Verdict.OFF, "spans are exported by " + String.join(", ", exporters), false);
		}
		catch (RuntimeException ex) {
			// Unsure whether the application exports, the viewer stays off: it serves prompts.
			ViewerDefault.logger.warn("Cascade trace viewer off: could not look for span exporters (" + ex
					+ "); cascade.viewer.enabled=true turns it on");
			return new Decision(Verdict.OFF, "could not look for span exporters", false);
		}
	}

	/** Removes the beans that the viewer's auto-configuration defined, and only those. */
	private static void removeViewer(ConfigurableListableBeanFactory beanFactory) {
		if (!(beanFactory instanceof BeanDefinitionRegistry registry)) {
			return;
		}
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (definition instanceof AnnotatedBeanDefinition annotated && isViewers(annotated.getFactoryMethodMetadata())) {
				registry.removeBeanDefinition(name);
			}
		}
	}

	private static boolean isViewers(@Nullable MethodMetadata factoryMethod) {
		return factoryMethod != null
				&& factoryMethod.getDeclaringClassName().startsWith(CascadeViewerAutoConfiguration.class.getName())
				&& !factoryMethod.getReturnTypeName().equals(ViewerDefaultCheck.class.getName());
	}

}
