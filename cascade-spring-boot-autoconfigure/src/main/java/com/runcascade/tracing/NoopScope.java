package com.runcascade.tracing;

/** The scope handed out when tracing is off or could not start. */
enum NoopScope implements CascadeScope {

	INSTANCE;

	@Override
	public void recordError(Throwable error) {
	}

	@Override
	public void setAttribute(String key, String value) {
	}

	@Override
	public void close() {
	}

}
