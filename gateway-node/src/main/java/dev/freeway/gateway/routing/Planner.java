package dev.freeway.gateway.routing;

import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.catalog.ModelCatalog;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.config.CapabilitiesConfig;
import dev.freeway.gateway.limits.LimitScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns a request into an ordered list of candidates: resolve the model name, drop candidates that
 * cannot serve this request, order by score sunk by penalty, then put the sticky choice first.
 */
public final class Planner {
    private final Supplier<ModelCatalog> catalog;
    private final PenaltyBook penalties;
    private final int penaltyWeight;

    public Planner(Supplier<ModelCatalog> catalog, PenaltyBook penalties, int penaltyWeight) {
        this.catalog = catalog;
        this.penalties = penalties;
        this.penaltyWeight = penaltyWeight;
    }

    public List<Candidate> plan(ChatRequest request) {
        List<Candidate> resolved =
                catalog.get().resolve(request.model()).orElseThrow(() -> GatewayError.modelNotFound(request.model()));
        if (resolved.isEmpty()) {
            throw new GatewayError(
                    503,
                    "server_error",
                    "no_provider_available",
                    "model",
                    "No provider key is configured for '" + request.model() + "'.",
                    0);
        }
        List<Ranked> fitting = new ArrayList<>(resolved.size());
        for (Candidate candidate : resolved) {
            if (fits(candidate, request)) {
                fitting.add(new Ranked(candidate, effectiveScore(candidate)));
            }
        }
        if (fitting.isEmpty()) {
            throw GatewayError.invalidRequest(
                    null,
                    "No model matching '" + request.model()
                            + "' supports this request (features used or prompt size of about "
                            + request.promptTokens() + " tokens).");
        }
        fitting.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return fitting.stream().map(Ranked::candidate).toList();
    }

    private record Ranked(Candidate candidate, double score) {}

    /** Moves the candidates of the pinned {@code provider/model} to the front, keeping their order. */
    public static List<Candidate> preferPinned(List<Candidate> ordered, String pinnedTarget) {
        List<Candidate> result = new ArrayList<>(ordered.size());
        ordered.stream().filter(c -> c.target().equals(pinnedTarget)).forEach(result::add);
        ordered.stream().filter(c -> !c.target().equals(pinnedTarget)).forEach(result::add);
        return result;
    }

    private double effectiveScore(Candidate candidate) {
        return candidate.model().score() - penaltyWeight * penalties.points(candidate.target());
    }

    private static boolean fits(Candidate candidate, ChatRequest request) {
        CapabilitiesConfig can = candidate.model().capabilities();
        return (!request.needsTools() || can.tools())
                && (!request.needsJson() || can.json())
                && (!request.needsVision() || can.vision())
                && (!request.stream() || can.streaming())
                && request.promptTokens() <= candidate.model().contextWindow()
                && fitsEveryScope(candidate, request.reservedTokens(candidate));
    }

    /** A reservation larger than a scope's token window would be refused forever: skip, do not say "retry". */
    private static boolean fitsEveryScope(Candidate candidate, long tokens) {
        if (candidate.limits().neverFits(tokens)) {
            return false;
        }
        for (LimitScope shared : candidate.shared()) {
            if (shared.limits().neverFits(tokens)) {
                return false;
            }
        }
        return true;
    }
}
