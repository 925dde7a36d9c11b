package dev.freeway.gateway.config;

import java.util.List;

/**
 * One team: what its client keys may use.
 *
 * @param weight its share of scarce pooled capacity relative to other teams (at least 1)
 * @param limits its own quota across every model, cluster-wide; 0 or absent = none
 * @param models globs over what clients may ask for ({@code model} ids and {@code provider/model});
 *     {@code ["*"]} (the default) = everything
 * @param excludeTerms its data policy: platforms whose recorded terms match any of these {@code
 *     field:value} rules never serve it (for example {@code trains_on_prompts:yes}), in the syntax
 *     of {@code catalog.exclude_terms}
 */
public record TeamConfig(Integer weight, TeamLimitsConfig limits, List<String> models, List<String> excludeTerms) {
    public TeamConfig {
        weight = weight == null ? 1 : weight;
        limits = limits == null ? new TeamLimitsConfig(null, null, null, null) : limits;
        models = models == null ? List.of("*") : List.copyOf(models);
        excludeTerms = excludeTerms == null ? List.of() : List.copyOf(excludeTerms);
    }

    public TeamConfig(Integer weight, TeamLimitsConfig limits, List<String> models) {
        this(weight, limits, models, null);
    }
}
