package com.runcascade.sample;

import dev.langchain4j.service.SystemMessage;

/**
 * A LangChain4j AI service: LangChain4j implements it (see {@link LangChain4jConfiguration}), and
 * each call becomes an agent span named {@code HotelAssistant} when no agent is current.
 */
public interface HotelAssistant {

	@SystemMessage("You are a hotel assistant. Use the tools to find hotels, then recommend one.")
	String recommend(String request);

}
