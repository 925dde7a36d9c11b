package dev.freeway.gateway.routing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.provider.RequestAdjuster;

/**
 * A validated chat request and what routing needs to know about it.
 *
 * @param body the client's JSON, forwarded with unknown fields intact
 * @param sessionHash conversation identity for stickiness (a hash, never text); null if none
 * @param maxCompletionTokens the client's cap on the answer (max_completion_tokens or max_tokens); 0 if none
 * @param pinnable whether a sticky pin applies yet (an explicit session id, or an assistant turn)
 */
public record ChatRequest(
        ObjectNode body,
        String model,
        boolean stream,
        boolean includeUsage,
        long promptTokens,
        long maxCompletionTokens,
        boolean needsTools,
        boolean needsJson,
        boolean needsVision,
        String sessionHash,
        boolean pinnable) {

    /**
     * Tokens to reserve before calling {@code candidate}: the prompt plus the most the answer may
     * take there (the client's limit, else the platform's default, clamped to the model's output
     * limit), as platforms that pre-charge count it. Settling with the real usage refunds the rest.
     */
    public long reservedTokens(Candidate candidate) {
        return promptTokens
                + RequestAdjuster.answerLimit(
                        maxCompletionTokens,
                        candidate.defaultMaxTokens(),
                        candidate.model().maxOutputTokens());
    }
}
