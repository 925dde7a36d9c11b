package dev.freeway.gateway.config;

/**
 * One model served by one provider.
 *
 * @param upstreamModel the provider's own name when it differs from {@code id}
 * @param score default priority: higher is tried first
 */
public record ModelConfig(
        String id,
        String provider,
        String upstreamModel,
        Integer score,
        Integer contextWindow,
        LimitsConfig limits,
        CapabilitiesConfig capabilities) {

    public ModelConfig {
        upstreamModel = upstreamModel == null ? id : upstreamModel;
        score = score == null ? 50 : score;
        contextWindow = contextWindow == null ? 8192 : contextWindow;
        limits = limits == null ? LimitsConfig.unlimited() : limits;
        capabilities = capabilities == null ? CapabilitiesConfig.defaults() : capabilities;
    }
}
