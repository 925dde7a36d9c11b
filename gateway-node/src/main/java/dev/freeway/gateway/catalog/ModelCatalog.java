package dev.freeway.gateway.catalog;

import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.secrets.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured models and the candidates that serve them. Resolves what a client asks for:
 * {@code auto} (everything), a model id (every provider serving it) or {@code provider/model}.
 */
public final class ModelCatalog {
    public static final String AUTO = "auto";

    private final List<ModelConfig> models;
    private final List<Candidate> all;
    private final Map<String, List<Candidate>> byModel;
    private final Map<String, List<Candidate>> byTarget;

    /** Builds every list once; {@link #resolve} hands them out without copying. */
    public ModelCatalog(GatewayConfig config) {
        this.models = config.models();
        List<Candidate> all = new ArrayList<>();
        Map<String, List<Candidate>> byModel = new LinkedHashMap<>();
        Map<String, List<Candidate>> byTarget = new LinkedHashMap<>();
        for (ModelConfig model : models) {
            byModel.computeIfAbsent(model.id(), id -> new ArrayList<>());
            byTarget.computeIfAbsent(model.provider() + "/" + model.id(), id -> new ArrayList<>());
            ProviderConfig provider = config.providers().get(model.provider());
            for (String key : provider.keys()) {
                Candidate candidate = Candidate.of(model.provider(), model, Secret.of(key));
                all.add(candidate);
                byModel.get(model.id()).add(candidate);
                byTarget.get(candidate.target()).add(candidate);
            }
        }
        this.all = List.copyOf(all);
        this.byModel = frozen(byModel);
        this.byTarget = frozen(byTarget);
    }

    private static Map<String, List<Candidate>> frozen(Map<String, List<Candidate>> lists) {
        Map<String, List<Candidate>> copy = new LinkedHashMap<>();
        lists.forEach((name, candidates) -> copy.put(name, List.copyOf(candidates)));
        return Collections.unmodifiableMap(copy);
    }

    /** Every candidate for the requested model, or empty when the name is unknown. */
    public Optional<List<Candidate>> resolve(String requested) {
        if (AUTO.equals(requested)) {
            return Optional.of(all);
        }
        List<Candidate> found = byModel.get(requested);
        if (found == null) {
            found = byTarget.get(requested);
        }
        return Optional.ofNullable(found);
    }

    /** Models that have at least one key, in configuration order. */
    public List<ModelConfig> servable() {
        return models.stream()
                .filter(m -> !byTarget.get(m.provider() + "/" + m.id()).isEmpty())
                .toList();
    }
}
