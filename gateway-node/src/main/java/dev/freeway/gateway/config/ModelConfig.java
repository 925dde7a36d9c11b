package dev.freeway.gateway.config;

import dev.freeway.gateway.catalog.entry.PriceEntry;

/**
 * One model served by one provider.
 *
 * @param upstreamModel the provider's own name when it differs from {@code id}
 * @param score default priority: higher is tried first
 * @param maxOutputTokens the most the model writes per answer (0 = unknown): a larger
 *     {@code max_tokens} is clamped to it
 * @param monthlyTokens the platform's published monthly token budget, 0 when none
 * @param price USD per million tokens; free when absent
 * @param status {@code active}, or why the model does not serve unless enabled ({@code retired},
 *     {@code unverified})
 */
public record ModelConfig(
        String id,
        String provider,
        String upstreamModel,
        Integer score,
        Integer contextWindow,
        LimitsConfig limits,
        CapabilitiesConfig capabilities,
        Integer maxOutputTokens,
        Long monthlyTokens,
        PriceEntry price,
        String status,
        String statusNote,
        Boolean enabled) {

    public ModelConfig {
        upstreamModel = upstreamModel == null ? id : upstreamModel;
        score = score == null ? 50 : score;
        contextWindow = contextWindow == null ? 8192 : contextWindow;
        limits = limits == null ? LimitsConfig.unlimited() : limits;
        capabilities = capabilities == null ? CapabilitiesConfig.defaults() : capabilities;
        maxOutputTokens = maxOutputTokens == null ? 0 : maxOutputTokens;
        monthlyTokens = monthlyTokens == null ? 0L : monthlyTokens;
        price = price == null ? new PriceEntry(null, null) : price;
        status = status == null ? "active" : status;
    }

    public ModelConfig(
            String id,
            String provider,
            String upstreamModel,
            Integer score,
            Integer contextWindow,
            LimitsConfig limits,
            CapabilitiesConfig capabilities) {
        this(
                id,
                provider,
                upstreamModel,
                score,
                contextWindow,
                limits,
                capabilities,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Whether the model may serve, its platform aside. */
    public boolean switchedOn() {
        return enabled != null ? enabled : "active".equals(status);
    }
}
