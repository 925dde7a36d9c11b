package dev.freeway.gateway.catalog.entry;

import dev.freeway.gateway.config.CapabilitiesConfig;
import dev.freeway.gateway.config.LimitsConfig;

/**
 * One model of a catalog platform.
 *
 * @param upstreamModel the platform's own name when it differs from {@code id}
 * @param score quality, 0-100: the default priority (higher first)
 * @param maxOutputTokens the most the model writes per answer; larger requests are clamped
 * @param limits free-tier (or documented tier) limits in {@link PlatformEntry#limitScope()}
 * @param monthlyTokens the published monthly token budget, 0 when none
 * @param price USD per million tokens; absent for free models
 * @param status overrides the platform's status for this model
 */
public record ModelEntry(
        String id,
        String upstreamModel,
        Integer score,
        Integer contextWindow,
        Integer maxOutputTokens,
        CapabilitiesConfig capabilities,
        LimitsConfig limits,
        Long monthlyTokens,
        PriceEntry price,
        String status,
        String statusNote,
        String source,
        String checked) {}
