package dev.freeway.gateway.catalog.entry;

import dev.freeway.gateway.config.LimitsConfig;
import java.util.List;

/**
 * A limit a platform enforces across several models: NVIDIA's 40 RPM per account, OpenRouter's
 * free-model pool per account.
 *
 * @param scope {@code key} (one account per key) or {@code project} (keys labelled with one project share)
 * @param models globs over catalog model ids this limit covers ({@code "*:free"}); empty = all
 * @param monthlyRequests a published monthly request cap (Cohere's trial keys), 0 when none
 * @param monthlyTokens a published monthly token budget, 0 when none
 */
public record SharedLimitEntry(
        String name, String scope, List<String> models, LimitsConfig limits, Long monthlyRequests, Long monthlyTokens) {
    public SharedLimitEntry {
        scope = scope == null ? "key" : scope;
        models = models == null ? List.of() : List.copyOf(models);
        limits = limits == null ? LimitsConfig.unlimited() : limits;
        monthlyRequests = monthlyRequests == null ? 0L : monthlyRequests;
        monthlyTokens = monthlyTokens == null ? 0L : monthlyTokens;
    }
}
