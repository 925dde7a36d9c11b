package dev.freeway.gateway.catalog;

import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.LimitScope;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.limits.MonthlyBudget;
import dev.freeway.gateway.secrets.ProviderKey;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One way to serve a request: a model on a provider, through one of its keys.
 *
 * @param target {@code provider/model}, what {@code X-Routed-Via} reports and penalties are kept for
 * @param scope where the model's own limits apply: {@code provider#keyFingerprint/model}, or
 *     {@code provider@project:<name>/model} when keys of one project share them; the ledger and
 *     cooldown key, free of secrets
 * @param keySubject {@code provider#keyFingerprint}: the key itself, whatever the model, benched
 *     when the platform refuses the key or its credit is gone
 * @param shared limits the platform enforces across models that also cover this one (an
 *     account-wide RPM, a free-model pool), each in its own scope
 * @param monthly budgets the platform publishes per calendar month that this candidate draws on
 * @param defaultMaxTokens the answer limit sent when the client sets none (0 = none): reserved
 *     up front, as platforms that pre-charge count it
 * @param dailyReset the zone whose midnight resets the platform's daily quotas
 */
public record Candidate(
        String provider,
        ModelConfig model,
        ProviderKey key,
        Limits limits,
        String target,
        String scope,
        String keySubject,
        List<LimitScope> shared,
        List<MonthlyBudget> monthly,
        int defaultMaxTokens,
        ZoneId dailyReset) {

    public Candidate {
        shared = List.copyOf(shared);
        monthly = List.copyOf(monthly);
    }

    /** A candidate whose limits all apply per key and model. */
    public static Candidate of(String provider, ModelConfig model, ProviderKey key) {
        return new Candidate(
                provider,
                model,
                key,
                Limits.of(model.limits()),
                provider + "/" + model.id(),
                provider + "#" + key.fingerprint() + "/" + model.id(),
                provider + "#" + key.fingerprint(),
                List.of(),
                List.of(),
                0,
                ZoneOffset.UTC);
    }

    /** Every scope the candidate draws on, its own first. */
    public List<LimitScope> scopes() {
        if (shared.isEmpty()) {
            return List.of(new LimitScope(scope, limits));
        }
        List<LimitScope> all = new ArrayList<>(shared.size() + 1);
        all.add(new LimitScope(scope, limits));
        all.addAll(shared);
        return all;
    }
}
