/**
 * A loopback HTTP server that speaks the Anthropic Messages and OpenAI Chat Completions / Responses
 * wire protocols (JSON and SSE), for offline samples and tests.
 */
@NullMarked
package com.runcascade.emulator;

import org.jspecify.annotations.NullMarked;
