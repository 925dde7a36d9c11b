package dev.freeway.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.secrets.Secret;

/**
 * One upstream attempt.
 *
 * @param request the client's OpenAI request; adapters may rewrite it (model name, options) per attempt
 * @param clientWantsUsage whether the client asked for the final usage chunk of a stream
 */
public record ProviderCall(ObjectNode request, String upstreamModel, Secret key, boolean clientWantsUsage) {}
