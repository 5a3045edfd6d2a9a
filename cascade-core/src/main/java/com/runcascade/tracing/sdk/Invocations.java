package com.runcascade.tracing.sdk;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

/** Reflection helpers shared by the proxies: call the real client and let its exceptions through unchanged. */
public final class Invocations {

	private Invocations() {
	}

	/**
	 * Call a method on the real SDK object; whatever it throws is rethrown as it is.
	 * @param method an SDK interface method
	 * @param target the real SDK object
	 * @param args the arguments
	 * @return what the method returned
	 * @throws Throwable what the method threw
	 */
	public static @Nullable Object invoke(Method method, Object target, @Nullable Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	/**
	 * The failure to record for an exception seen by a future callback, without the wrappers the
	 * {@code CompletableFuture} machinery adds.
	 * @param error the exception
	 * @return its cause when it is only a wrapper
	 */
	public static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException
				|| current instanceof UndeclaredThrowableException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	public static boolean isCancellation(Throwable error) {
		return unwrap(error) instanceof CancellationException;
	}

	/** Rethrow any throwable from a method that declares none; the caller sees it unchanged. */
	@SuppressWarnings("unchecked")
	public static <E extends Throwable> RuntimeException rethrow(Throwable error) throws E {
		throw (E) error;
	}

}
