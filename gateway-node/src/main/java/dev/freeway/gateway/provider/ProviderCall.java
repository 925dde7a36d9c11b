package dev.freeway.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.secrets.ProviderKey;

/**
 * One upstream attempt.
 *
 * @param request the client's OpenAI request, shared by every attempt: adapters change a copy
 *     ({@link RequestAdjuster}), never this node's nested content
 * @param model the model being called, with its platform name and output limit
 * @param clientWantsUsage whether the client asked for the final usage chunk of a stream
 */
public record ProviderCall(ObjectNode request, ModelConfig model, ProviderKey key, boolean clientWantsUsage) {

    public String upstreamModel() {
        return model.upstreamModel();
    }
}
