package dev.freeway.gateway.catalog;

import dev.freeway.gateway.config.ModelConfig;

/**
 * A configured model and whether it serves: what {@code /v1/models} shows.
 *
 * @param keys how many provider keys serve it
 * @param reason why it does not serve; null when it does
 */
public record ModelState(ModelConfig model, int keys, String reason) {

    public boolean enabled() {
        return reason == null;
    }
}
