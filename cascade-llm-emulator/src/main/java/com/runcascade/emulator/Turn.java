package com.runcascade.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.runcascade.emulator.ScriptedReply.Usage;
import org.jspecify.annotations.Nullable;

/**
 * One reply to render: the request, the scripted (or chatbot) reply and what was worked out
 * from both.
 *
 * @param request the request body
 * @param reply the reply
 * @param model the model to report
 * @param usage the token counts to report
 * @param ids the id generator
 * @param createdAt the creation time, in epoch seconds
 * @param thinking the model's reasoning, or {@code null} when it does not think
 * @author Cascade
 */
record Turn(JsonNode request, ScriptedReply reply, String model, Usage usage, Ids ids, long createdAt, @Nullable String thinking) {

}
