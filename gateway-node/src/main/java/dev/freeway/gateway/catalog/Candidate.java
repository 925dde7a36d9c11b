package dev.freeway.gateway.catalog;

import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.limits.Limits;
import dev.freeway.gateway.secrets.Secret;

/**
 * One way to serve a request: a model on a provider, through one of its keys.
 *
 * @param target {@code provider/model}, what {@code X-Routed-Via} reports and penalties are kept for
 * @param scope {@code provider#keyFingerprint/model}: the ledger and cooldown key, free of secrets
 */
public record Candidate(String provider, ModelConfig model, Secret key, Limits limits, String target, String scope) {

    static Candidate of(String provider, ModelConfig model, Secret key) {
        String target = provider + "/" + model.id();
        return new Candidate(
                provider,
                model,
                key,
                Limits.of(model.limits()),
                target,
                provider + "#" + key.fingerprint() + "/" + model.id());
    }
}
