package dev.freeway.gateway.routing;

import dev.freeway.gateway.api.GatewayError;
import dev.freeway.gateway.catalog.Candidate;
import dev.freeway.gateway.cluster.PenaltyBook;
import dev.freeway.gateway.cluster.PenaltyReason;
import dev.freeway.gateway.cluster.StickySessions;
import dev.freeway.gateway.limits.Admission;
import dev.freeway.gateway.limits.CapacityLedger;
import dev.freeway.gateway.limits.Reservation;
import dev.freeway.gateway.provider.ChatResult;
import dev.freeway.gateway.provider.QuotaReport;
import dev.freeway.gateway.provider.UpstreamStream;
import dev.freeway.gateway.provider.Usage;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline after authentication: plan → (sticky) → admit and dispatch with failover →
 * settle. Responding is the caller's job; {@link #finish} settles once the real usage is known.
 */
public final class ChatCompletionFlow {
    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionFlow.class);

    private final Planner planner;
    private final Failover failover;
    private final CapacityLedger ledger;
    private final StickySessions sticky;
    private final PinWriter pins;
    private final PenaltyBook penalties;
    private final UsageRecorder usage;
    private final TeamPolicy teams;
    private final TeamSpend spend;
    private final long clusterDeadlineMillis;

    public ChatCompletionFlow(
            Planner planner,
            Failover failover,
            CapacityLedger ledger,
            StickySessions sticky,
            PinWriter pins,
            PenaltyBook penalties,
            UsageRecorder usage,
            TeamPolicy teams,
            TeamSpend spend,
            long clusterDeadlineMillis) {
        this.planner = planner;
        this.failover = failover;
        this.ledger = ledger;
        this.sticky = sticky;
        this.pins = pins;
        this.penalties = penalties;
        this.usage = usage;
        this.teams = teams;
        this.spend = spend;
        this.clusterDeadlineMillis = clusterDeadlineMillis;
    }

    public Future<Served<ChatResult>> complete(ChatRequest request, String team) {
        return route(request, team, (provider, call) -> provider.chat(call));
    }

    public Future<Served<UpstreamStream>> stream(ChatRequest request, String team) {
        return route(request, team, (provider, call) -> provider.stream(call));
    }

    /**
     * Settles the reservation with the real usage, counts it against {@code team}, and pins the
     * conversation to who served it.
     */
    public void finish(ChatRequest request, String team, Served<?> served, Usage usage) {
        this.usage.record(team, served.candidate(), usage);
        Admitted admitted = served.admitted();
        admitted.settle(ledger, usage.known() ? usage.total() : admitted.own().tokens());
        if (served.team() != null) {
            ledger.settle(
                            served.team(),
                            usage.known() ? usage.total() : served.team().tokens())
                    .onFailure(e -> LOG.warn("team quota not settled: {}", e.toString()));
        }
        if (served.result() instanceof QuotaReport report) {
            ProviderTruth.apply(ledger, admitted.own(), usage.known() ? usage.total() : -1, report.quota());
        }
        if (request.sessionHash() != null) {
            pins.pin(request.sessionHash(), served.candidate().target());
        }
    }

    /** A stream that broke after reaching the client: too late to fail over, not too late to penalise. */
    public void brokeOff(Served<?> served) {
        Candidate candidate = served.candidate();
        penalties
                .failure(candidate.target(), candidate.scope(), PenaltyReason.FAILED, 0)
                .onFailure(e -> LOG.warn("penalty not recorded: {}", e.toString()));
    }

    private <T> Future<Served<T>> route(ChatRequest request, String team, Dispatch<T> dispatch) {
        TeamRules rules = teams.rules(team);
        List<Candidate> planned;
        try {
            planned = allowed(planner.plan(request), rules, request);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return teamQuota(rules, request)
                .compose(reservation -> pinned(request)
                        .map(pin -> pin.map(target -> Planner.preferPinned(planned, target))
                                .orElse(planned))
                        .compose(ordered -> failover.run(ordered, request, teams.shared() ? rules : null, dispatch))
                        .transform(done -> {
                            if (done.succeeded()) {
                                return Future.succeededFuture(done.result().withTeam(reservation));
                            }
                            if (reservation != null) {
                                ledger.release(reservation)
                                        .onFailure(e -> LOG.warn("team quota not released: {}", e.toString()));
                            }
                            return Future.failedFuture(done.cause());
                        }));
    }

    /**
     * The planned candidates the team may use: its models, its data policy, and no paid model once
     * its monthly spend cap is reached.
     */
    private List<Candidate> allowed(List<Candidate> planned, TeamRules rules, ChatRequest request) {
        boolean capReached = spend.spent(rules);
        if (rules.allowsEverything() && !capReached) {
            return planned;
        }
        List<Candidate> permitted = planned.stream().filter(rules::allows).toList();
        if (permitted.isEmpty()) {
            throw GatewayError.modelNotAllowed(rules.name(), request.model());
        }
        List<Candidate> allowed = capReached
                ? permitted.stream().filter(c -> c.model().price().free()).toList()
                : permitted;
        if (allowed.isEmpty()) {
            throw GatewayError.teamSpendCapReached(rules.name(), spend.secondsToRenewal());
        }
        return allowed.size() == planned.size() ? planned : allowed;
    }

    /**
     * Takes the request out of the team's own quota, when it has one. A ledger that cannot answer
     * lets the request through: the candidates' own admission still guards the providers.
     */
    private Future<Reservation> teamQuota(TeamRules rules, ChatRequest request) {
        if (!rules.limited()) {
            return Future.succeededFuture();
        }
        long tokens = request.promptTokens() + request.maxCompletionTokens();
        return ledger.reserve(rules.scope(), rules.limits(), tokens).transform(done -> {
            if (done.failed()) {
                LOG.warn(
                        "team quota of {} unknown: {}",
                        rules.name(),
                        done.cause().toString());
                return Future.succeededFuture();
            }
            Admission admission = done.result();
            if (!admission.isGranted()) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(admission.retryAfterNanos() + 999_999_999L));
                return Future.failedFuture(GatewayError.teamQuotaExceeded(rules.name(), seconds));
            }
            return Future.succeededFuture(admission.reservation());
        });
    }

    private Future<Optional<String>> pinned(ChatRequest request) {
        if (request.sessionHash() == null || !request.pinnable()) {
            return Future.succeededFuture(Optional.empty());
        }
        // A pin is a preference: an owner that does not answer in time costs the pin, not the request.
        return sticky.lookup(request.sessionHash())
                .timeout(clusterDeadlineMillis, TimeUnit.MILLISECONDS)
                .otherwise(Optional.empty());
    }
}
