package com.runcascade.compatibility;

/** The Spring AI chat model an application uses ({@code spring.ai.model.chat}). */
public enum Provider {

	OPENAI("openai"), ANTHROPIC("anthropic");

	private final String id;

	Provider(String id) {
		this.id = id;
	}

	String id() {
		return this.id;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
