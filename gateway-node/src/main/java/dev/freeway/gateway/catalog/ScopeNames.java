package dev.freeway.gateway.catalog;

import dev.freeway.gateway.catalog.entry.SharedLimitEntry;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.secrets.ProviderKey;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the ledger scopes of a candidate after where the platform really enforces each limit: per
 * key and model ({@code groq#<fp>/model}), per project and model ({@code google@project:p/model}),
 * or across models per key or project ({@code nvidia#<fp>/@account}). Candidates that name the same
 * scope share one bucket, which is the point.
 */
final class ScopeNames {
    private ScopeNames() {}

    static Candidate candidate(String providerId, ProviderConfig provider, ModelConfig model, ProviderKey key) {
        String keyHolder = providerId + "#" + key.fingerprint();
        String projectHolder = providerId + "@" + key.quotaGroup();
        String own = ("project_model".equals(provider.limitScope()) ? projectHolder : keyHolder) + "/" + model.id();
        List<LimitScope> shared = new ArrayList<>();
        List<MonthlyBudget> monthly = new ArrayList<>();
        if (model.monthlyTokens() > 0) {
            monthly.add(new MonthlyBudget(own, 0, model.monthlyTokens()));
        }
        for (SharedLimitEntry limit : provider.sharedLimits()) {
            if (!covers(limit, model.id())) {
                continue;
            }
            String scope = ("project".equals(limit.scope()) ? projectHolder : keyHolder) + "/@" + limit.name();
            Limits limits = Limits.of(limit.limits());
            if (limits.limitsRequests() || limits.limitsTokens()) {
                shared.add(new LimitScope(scope, limits));
            }
            if (limit.monthlyRequests() > 0 || limit.monthlyTokens() > 0) {
                monthly.add(new MonthlyBudget(scope, limit.monthlyRequests(), limit.monthlyTokens()));
            }
        }
        return new Candidate(
                providerId,
                model,
                key,
                Limits.of(model.limits()),
                providerId + "/" + model.id(),
                own,
                keyHolder,
                shared,
                monthly,
                provider.request().defaultMaxTokens(),
                ZoneId.of(provider.dailyResetZone()));
    }

    static boolean covers(SharedLimitEntry limit, String modelId) {
        return limit.models().isEmpty()
                || limit.models().stream()
                        .anyMatch(glob -> Globs.compile(glob).matcher(modelId).matches());
    }
}
