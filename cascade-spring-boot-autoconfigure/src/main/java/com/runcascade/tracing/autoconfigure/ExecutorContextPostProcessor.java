package com.runcascade.tracing.autoconfigure;

import java.lang.reflect.Field;
import java.util.List;

import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ReflectionUtils;

/**
 * Gives the Spring executors an application builds itself ({@code new ThreadPoolTaskExecutor()},
 * {@code new SimpleAsyncTaskExecutor()} as beans) the {@link ContextTaskDecorator}, so work handed to
 * them, {@code @Async} methods included, stays in the submitter's run. Boot's own executors get it
 * from Boot's builders. A decorator the application set is kept: both run. Spring offers no getter
 * for the decorator, so it is read once per executor bean at startup.
 */
final class ExecutorContextPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(ExecutorContextPostProcessor.class);

	private final TaskDecorator decorator = new ContextTaskDecorator();

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		// Before initialization: a ThreadPoolTaskExecutor reads its decorator when it is initialized.
		if (bean instanceof ThreadPoolTaskExecutor executor) {
			decorate(bean, beanName, ThreadPoolTaskExecutor.class, executor::setTaskDecorator);
		}
		else if (bean instanceof SimpleAsyncTaskExecutor executor) {
			decorate(bean, beanName, SimpleAsyncTaskExecutor.class, executor::setTaskDecorator);
		}
		return bean;
	}

	private void decorate(Object executor, String beanName, Class<?> type,
			java.util.function.Consumer<TaskDecorator> setter) {
		try {
			Field field = ReflectionUtils.findField(type, "taskDecorator", TaskDecorator.class);
			if (field == null) {
				logger.debug("Cascade cannot see the task decorator of executor '" + beanName
						+ "', so it leaves it as it is; wrap its tasks with Cascade.withContext");
				return;
			}
			ReflectionUtils.makeAccessible(field);
			@Nullable TaskDecorator existing = (TaskDecorator) ReflectionUtils.getField(field, executor);
			if (existing instanceof ContextTaskDecorator) {
				return;
			}
			setter.accept((existing != null) ? new CompositeTaskDecorator(List.of(existing, this.decorator))
					: this.decorator);
		}
		catch (RuntimeException ex) {
			logger.debug("Cascade could not decorate executor '" + beanName + "'", ex);
		}
	}

	/**
	 * Runs each task in the OpenTelemetry context (span, agent, session) of the thread that
	 * submitted it. Spring's {@link TaskDecorator} type, so it lives with the wiring.
	 */
	static final class ContextTaskDecorator implements TaskDecorator {

		@Override
		public Runnable decorate(Runnable runnable) {
			return Context.current().wrap(runnable);
		}

	}

}
