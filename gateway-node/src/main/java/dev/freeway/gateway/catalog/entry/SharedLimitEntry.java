package dev.freeway.gateway.catalog.entry;

import dev.freeway.gateway.config.LimitsConfig;
import java.util.List;

/**
 * A limit a platform enforces across several models: NVIDIA's 40 RPM per account, OpenRouter's
 * free-model pool per account.
 *
 * @param scope {@code key} (one account per key) or {@code project} (keys labelled with one project share)
 * @param models globs over catalog model ids this limit covers ({@code "*:free"}); empty = all
 */
public record SharedLimitEntry(String name, String scope, List<String> models, LimitsConfig limits) {
    public SharedLimitEntry {
        scope = scope == null ? "key" : scope;
        models = models == null ? List.of() : List.copyOf(models);
    }
}
