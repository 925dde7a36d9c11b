package dev.freeway.gateway.catalog;

import dev.freeway.gateway.config.GatewayConfig;
import dev.freeway.gateway.config.KeyConfig;
import dev.freeway.gateway.config.ModelConfig;
import dev.freeway.gateway.config.ProviderConfig;
import dev.freeway.gateway.secrets.ProviderKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured models and the candidates that serve them. Resolves what a client asks for:
 * {@code auto} (everything), a model id (every provider serving it) or {@code provider/model}.
 * A model serves when its platform has a key, is switched on (active, or enabled by the operator)
 * and is not excluded by the operator's terms policy.
 */
public final class ModelCatalog {
    public static final String AUTO = "auto";

    private final List<ModelState> states;
    private final List<Candidate> all;
    private final Map<String, List<Candidate>> byModel;
    private final Map<String, List<Candidate>> byTarget;

    /** Builds every list once; {@link #resolve} hands them out without copying. */
    public ModelCatalog(GatewayConfig config) {
        TermsPolicy policy = new TermsPolicy(config.catalog().excludeTerms());
        List<ModelState> states = new ArrayList<>();
        List<Candidate> all = new ArrayList<>();
        Map<String, List<Candidate>> byModel = new LinkedHashMap<>();
        Map<String, List<Candidate>> byTarget = new LinkedHashMap<>();
        for (ModelConfig model : config.models()) {
            ProviderConfig provider = config.providers().get(model.provider());
            String reason = unavailable(provider, model, policy);
            states.add(new ModelState(model, provider.keys().size(), reason));
            if (reason != null) {
                continue;
            }
            for (KeyConfig key : provider.keys()) {
                Candidate candidate = ScopeNames.candidate(
                        model.provider(), provider, model, ProviderKey.of(key.value(), key.account(), key.project()));
                all.add(candidate);
                byModel.computeIfAbsent(model.id(), id -> new ArrayList<>()).add(candidate);
                byTarget.computeIfAbsent(candidate.target(), id -> new ArrayList<>())
                        .add(candidate);
            }
        }
        this.states = List.copyOf(states);
        this.all = List.copyOf(all);
        this.byModel = frozen(byModel);
        this.byTarget = frozen(byTarget);
    }

    private static String unavailable(ProviderConfig provider, ModelConfig model, TermsPolicy policy) {
        if (Boolean.FALSE.equals(provider.enabled())) {
            return "platform disabled (enabled: false)";
        }
        if (Boolean.FALSE.equals(model.enabled())) {
            return "model disabled (enabled: false)";
        }
        if (!provider.switchedOn()) {
            return "platform " + provider.status() + note(provider.statusNote());
        }
        if (!model.switchedOn()) {
            return "model " + model.status() + note(model.statusNote());
        }
        String excluded = policy.excludedBy(provider.terms());
        if (excluded != null) {
            return "excluded by the catalog policy (" + excluded + ")";
        }
        return provider.keys().isEmpty() ? "no key configured" : null;
    }

    private static String note(String note) {
        return note == null || note.isBlank() ? "" : ": " + note;
    }

    private static Map<String, List<Candidate>> frozen(Map<String, List<Candidate>> lists) {
        Map<String, List<Candidate>> copy = new LinkedHashMap<>();
        lists.forEach((name, candidates) -> copy.put(name, List.copyOf(candidates)));
        return Collections.unmodifiableMap(copy);
    }

    /** Every candidate for the requested model: empty when it is known but serves nowhere, absent when unknown. */
    public Optional<List<Candidate>> resolve(String requested) {
        if (AUTO.equals(requested)) {
            return Optional.of(all);
        }
        List<Candidate> found = byModel.get(requested);
        if (found == null) {
            found = byTarget.get(requested);
        }
        if (found == null && known(requested)) {
            found = List.of();
        }
        return Optional.ofNullable(found);
    }

    private boolean known(String requested) {
        return states.stream()
                .map(ModelState::model)
                .anyMatch(m -> m.id().equals(requested) || (m.provider() + "/" + m.id()).equals(requested));
    }

    /** Every configured model with whether it serves, in configuration order. */
    public List<ModelState> states() {
        return states;
    }
}
