package com.runcascade.tracing;

import java.util.concurrent.Callable;

/** Runs a body inside an open scope: a failure is recorded on it, and the scope always closes. */
final class Scopes {

	private Scopes() {
	}

	static <T> T callIn(CascadeScope scope, Callable<T> body) throws Exception {
		try {
			return body.call();
		}
		catch (Throwable ex) {
			scope.recordError(ex);
			throw ex;
		}
		finally {
			scope.close();
		}
	}

	static void runIn(CascadeScope scope, Runnable body) {
		try {
			body.run();
		}
		catch (Throwable ex) {
			scope.recordError(ex);
			throw ex;
		}
		finally {
			scope.close();
		}
	}

}
