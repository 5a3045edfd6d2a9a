package com.runcascade.compatibility.app;

final class WebPaths {

	/** The streamed reply's media type: its chunks are written as they come, in both stacks. */
	static final String TEXT = "text/plain;charset=UTF-8";

	private WebPaths() {
	}

}
