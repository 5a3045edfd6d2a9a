package com.runcascade.tracing;

/** The scope handed out when tracing is off or could not start. */
enum NoopScope implements CascadeScope {

	INSTANCE;

	@Override
	public void close() {
	}

}
