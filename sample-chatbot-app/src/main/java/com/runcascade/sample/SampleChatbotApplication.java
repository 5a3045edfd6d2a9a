package com.runcascade.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the sample agent. */
@SpringBootApplication
public class SampleChatbotApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleChatbotApplication.class, args);
	}

}
