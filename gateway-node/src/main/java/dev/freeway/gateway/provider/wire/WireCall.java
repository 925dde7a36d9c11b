package dev.freeway.gateway.provider.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attempt as a wire format sees it.
 *
 * @param request the client's OpenAI chat body (already adjusted for the platform: model limits,
 *     default {@code max_tokens}); read it, do not keep it
 * @param upstreamModel the platform's name for the model
 * @param apiKey the credential to put where the platform expects it; never log or echo it
 * @param stream whether a stream is asked for
 * @param completionId the {@code id} of the OpenAI answer ({@code chatcmpl-...}), for the
 *     {@link ChunkBuilder}; also the seed for ids the platform does not send (tool calls)
 * @param createdEpochSeconds the {@code created} of the OpenAI answer
 */
public record WireCall(
        ObjectNode request,
        String upstreamModel,
        String apiKey,
        boolean stream,
        String completionId,
        long createdEpochSeconds) {

    public ChunkBuilder chunks() {
        return new ChunkBuilder(completionId, createdEpochSeconds, upstreamModel);
    }

    @Override
    public String toString() {
        return "WireCall[model=" + upstreamModel + ", stream=" + stream + "]";
    }
}
